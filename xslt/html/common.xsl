<?xml version="1.0" encoding="UTF-8"?>
<!-- The page shell shared by every page of the website: head, skip link, navigation, footer. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:import href="../common/functions.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="title" as="xs:string" select="''"/>
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <xsl:param name="build-date" as="xs:string" select="''"/>
  <xsl:param name="variants" as="xs:boolean" select="false()"/>
  <!-- The site's metadata from the project file or the driver (toolkit/publish/build.py stylesheet_params): each
       overrides what a document's header says; empty when not given. The licence is a URL or words. -->
  <xsl:param name="editors" as="xs:string" select="''"/>
  <xsl:param name="licence" as="xs:string" select="''"/>
  <xsl:param name="version" as="xs:string" select="''"/>

  <!-- The base URL with its closing slash ("https://example.org/edition/"), or empty: every address is made from it. -->
  <xsl:variable name="f:base-url" as="xs:string"
    select="if ($base-url = '' or ends-with($base-url, '/')) then $base-url else $base-url || '/'"/>

  <!-- The site's pages in navigation order: file name and label. -->
  <xsl:variable name="f:navigation" as="map(xs:string, xs:string)*" select="(
    map{'href': 'index.html', 'label': 'Home'},
    map{'href': 'index.html#texts', 'label': 'Texts'},
    map{'href': 'persons.html', 'label': 'Persons'},
    map{'href': 'places.html', 'label': 'Places'},
    map{'href': 'orgs.html', 'label': 'Organisations'},
    map{'href': 'timeline.html', 'label': 'Timeline'},
    map{'href': 'compare.html', 'label': 'Comparison'},
    map{'href': 'method.html', 'label': 'Method'},
    if ($variants) then map{'href': 'variants.html', 'label': 'Variants'} else (),
    map{'href': 'search.html', 'label': 'Search'})"/>

  <xsl:template name="f:shell">
    <xsl:param name="page-title" as="xs:string"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="page-class" as="xs:string" select="'page'"/>
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <!-- The edition's version and release date ("Version 1.0, released 4 December 2026"), or empty. -->
    <xsl:param name="release" as="xs:string" select="''"/>
    <!-- What the footer cites and licenses: the edition's record (f:edition-record), or an empty map. -->
    <xsl:param name="edition" as="map(xs:string, xs:string*)" select="map{}"/>
    <!-- More of the head: citation meta tags, JSON-LD. -->
    <xsl:param name="head" as="node()*" select="()"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="string-join(($page-title, $title[. != ''][. != $page-title]), ' — ')"/></title>
        <xsl:if test="$build-date != ''"><meta name="dcterms.modified" content="{$build-date}"/></xsl:if>
        <xsl:if test="$base-url != ''"><link rel="canonical" href="{$f:base-url}{$href}"/></xsl:if>
        <link rel="stylesheet" href="assets/edition.css"/>
        <script src="assets/edition.js" defer="defer"></script>
        <xsl:sequence select="$head"/>
      </head>
      <body class="{$page-class}">
        <a class="skip-link" href="#main">Skip to the content</a>
        <header class="site-header" data-pagefind-ignore="all">
          <p class="site-title"><a href="index.html"><xsl:value-of select="($title[. != ''], 'Edition')[1]"/></a></p>
          <nav aria-label="Edition">
            <ul>
              <xsl:for-each select="$f:navigation">
                <li><a href="{?href}"><xsl:if test="?href = $href"><xsl:attribute name="aria-current"
                  select="'page'"/></xsl:if><xsl:value-of select="?label"/></a></li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site-footer" data-pagefind-ignore="all">
          <xsl:if test="$release != ''"><p class="release"><xsl:value-of select="$release"/>.</p></xsl:if>
          <xsl:if test="exists($edition?title)">
            <p class="edition-citation"><span class="label">Cite the edition:</span><xsl:text> </xsl:text><xsl:sequence
              select="f:chicago-edition($edition, $f:base-url || 'index.html')"/></p>
          </xsl:if>
          <xsl:if test="exists($edition?licence)">
            <p class="licence"><span class="label">Licence:</span><xsl:text> </xsl:text><xsl:choose>
              <xsl:when test="exists($edition?licence-url)"><a rel="license" href="{$edition?licence-url}"><xsl:value-of
                select="$edition?licence"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$edition?licence"/></xsl:otherwise>
            </xsl:choose></p>
          </xsl:if>
          <p>A digital critical edition in TEI P5, published with XSLT 3.0.
            <xsl:if test="$build-date != ''">Built <time datetime="{$build-date}"><xsl:value-of
              select="$build-date"/></time>.</xsl:if></p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- What a citation of the edition needs, from the header of any of its documents (each gives the driver's edition
       statement and licence): its title (the build's), editors, version, release date, licence and its address. -->
  <xsl:function name="f:edition-record" as="map(xs:string, xs:string*)" visibility="public">
    <xsl:param name="doc" as="element()?"/>
    <xsl:variable name="header" as="element()?" select="$doc/tei:teiHeader"/>
    <xsl:variable name="statement" as="element()?" select="$header/tei:fileDesc/tei:editionStmt"/>
    <xsl:variable name="words" as="element()?" select="($header/tei:fileDesc/tei:publicationStmt/tei:availability
      /tei:licence)[1]"/>
    <xsl:variable name="licence-url" as="xs:string?" select="($licence[matches(., '^https?://')],
      $words/@target ! string(.))[1]"/>
    <xsl:sequence select="map:merge((
      map{'title': ($title[. != ''], $doc ! f:title(.))[1]},
      map{'editors': if ($editors != '') then distinct-values(tokenize($editors, ' and ') ! normalize-space(.)[. != ''])
        else $header/tei:fileDesc/tei:titleStmt/tei:editor ! normalize-space(string-join((tei:orgName, tei:persName,
        tei:name, .)[1]//text()))},
      ($version[. != ''], ($statement//tei:num[@type = 'version'])[1] ! normalize-space(.))[1] ! map{'version': .},
      ($statement//tei:date[@type = 'release'])[1]/@when ! map{'released': string(.)},
      ($licence[. != ''][not(matches(., '^https?://'))], $words ! normalize-space(.), $licence-url)[1]
        ! map{'licence': .},
      $licence-url ! map{'licence-url': .}))"/>
  </xsl:function>

  <!-- The edition as schema.org JSON-LD (a Book), without its parts. -->
  <xsl:function name="f:edition-json-ld" as="map(*)" visibility="public">
    <xsl:param name="edition" as="map(xs:string, xs:string*)"/>
    <xsl:sequence select="map:merge((map{'@type': 'Book', 'name': string($edition?title)},
      $edition?editors[1] ! map{'editor': array{$edition?editors ! map{'@type': 'Organization', 'name': .}}},
      $edition?version ! map{'version': .}, $edition?released ! map{'datePublished': .},
      $edition?licence-url ! map{'license': .},
      ($f:base-url[. != ''] ! (. || 'index.html')) ! map{'@id': ., 'url': .}))"/>
  </xsl:function>

  <!-- The kind of a text: its classification (textClass), else the kind of the work its source is (the bibliography
       entry's type: book, article, archival), else the text's type. -->
  <xsl:function name="f:kind" as="xs:string?" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="source" as="element()?" select="$doc/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[last()]"/>
    <xsl:variable name="work" as="element()?" select="($source/@corresp ! tokenize(.)[1] ! f:target(., $source))[1]"/>
    <xsl:variable name="class" as="element()?" select="$doc/tei:teiHeader/tei:profileDesc/tei:textClass"/>
    <xsl:sequence select="(($class//tei:term)[1] ! normalize-space(.),
      ($class/tei:catRef/@target ! f:target(tokenize(.)[1], $class))[1] ! f:name(.),
      $work/@type ! (map{'archival': 'archival document'}(string(.)), string(.))[1], $doc/tei:text/@type ! string(.))[1]"/>
  </xsl:function>

  <!-- Names as a list in running text: "A", "A and B", "A, B, and C" (Chicago). -->
  <xsl:function name="f:name-list" as="xs:string" visibility="public">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (count($names) le 2) then string-join($names, ' and ')
      else string-join($names[position() lt last()], ', ') || ', and ' || $names[last()]"/>
  </xsl:function>

  <!-- "version 1.0 (4 December 2026)" or what is known of it. -->
  <xsl:function name="f:version-label" as="xs:string" visibility="public">
    <xsl:param name="edition" as="map(xs:string, xs:string*)"/>
    <xsl:sequence select="string-join(($edition?version ! ('version ' || .),
      $edition?released ! ('(' || f:date-label(.) || ')')), ' ')"/>
  </xsl:function>

  <!-- The edition in a bibliography (Chicago notes-bibliography): "Title. Edited by …. Version 1.0, 4 December
       2026. URL." -->
  <xsl:function name="f:chicago-edition" as="node()*" visibility="public">
    <xsl:param name="edition" as="map(xs:string, xs:string*)"/>
    <xsl:param name="url" as="xs:string"/>
    <cite class="title"><xsl:value-of select="$edition?title"/></cite>
    <xsl:value-of select="'. ' || string-join((
      $edition?editors[1] ! ('Edited by ' || f:name-list($edition?editors)),
      string-join(($edition?version ! ('Version ' || .), $edition?released ! f:date-label(.)), ', ')[. != ''], ''),
      '. ')"/>
    <xsl:sequence select="f:url($url)"/>
    <xsl:text>.</xsl:text>
  </xsl:function>

  <!-- An address in a citation: without a base URL it is relative, and the page's script makes it absolute (the
       address the reader has it from). -->
  <xsl:function name="f:url" as="element()" visibility="public">
    <xsl:param name="url" as="xs:string"/>
    <span class="cite-url"><xsl:if test="$f:base-url = ''"><xsl:attribute name="data-relative"
      select="'true'"/></xsl:if><xsl:value-of select="$url"/></span>
  </xsl:function>
</xsl:stylesheet>
