<?xml version="1.0" encoding="UTF-8"?>
<!-- The page shell shared by every page of the website: head, skip link, navigation, footer. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:import href="../common/functions.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="title" as="xs:string" select="''"/>
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <xsl:param name="build-date" as="xs:string" select="''"/>
  <xsl:param name="variants" as="xs:boolean" select="false()"/>

  <!-- The site's pages in navigation order: file name and label. -->
  <xsl:variable name="f:navigation" as="map(xs:string, xs:string)*" select="(
    map{'href': 'index.html', 'label': 'Home'},
    map{'href': 'persons.html', 'label': 'Persons'},
    map{'href': 'places.html', 'label': 'Places'},
    map{'href': 'orgs.html', 'label': 'Organisations'},
    map{'href': 'timeline.html', 'label': 'Timeline'},
    map{'href': 'compare.html', 'label': 'Comparison'},
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
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="string-join(($page-title, $title[. != ''][. != $page-title]), ' — ')"/></title>
        <xsl:if test="$build-date != ''"><meta name="dcterms.modified" content="{$build-date}"/></xsl:if>
        <xsl:if test="$base-url != ''"><link rel="canonical" href="{$base-url}{$href}"/></xsl:if>
        <link rel="stylesheet" href="assets/edition.css"/>
        <script src="assets/edition.js" defer="defer"></script>
      </head>
      <body class="{$page-class}">
        <a class="skip-link" href="#main">Skip to the content</a>
        <header class="site-header">
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
        <footer class="site-footer">
          <xsl:if test="$release != ''"><p class="release"><xsl:value-of select="$release"/>.</p></xsl:if>
          <p>A digital critical edition in TEI P5, published with XSLT 3.0.
            <xsl:if test="$build-date != ''">Built <time datetime="{$build-date}"><xsl:value-of
              select="$build-date"/></time>.</xsl:if></p>
        </footer>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
