<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the print output: one paged-media HTML file for WeasyPrint. Called as the named template
     "print-edition" with the URIs of the edition's documents (accounts in reading order, authority files). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:function"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/functions.xsl"/>
  <xsl:include href="functions.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="index.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="text-only-copy" on-multiple-match="fail"/>
  <!-- The front matter's bibliographic text and the editorial method: titles and markup names marked, the rest text. -->
  <xsl:mode name="front" on-no-match="text-only-copy" on-multiple-match="fail"/>
  <xsl:mode name="account" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:param name="title" as="xs:string" select="''"/>
  <xsl:param name="build-date" as="xs:string" select="''"/>
  <xsl:param name="css-href" as="xs:string" select="'print.css'"/>
  <!-- The page of each anchor in a first rendering (anchor id to page number), so that the index lists each page
       once. -->
  <xsl:param name="anchor-pages" as="map(xs:string, xs:integer)" select="map{}"/>
  <!-- False for the first rendering, which only finds the pages of the anchors: the index comes last, so leaving it
       out moves nothing, and WeasyPrint's balancing of its columns is the costliest part of a long book. -->
  <xsl:param name="index" as="xs:boolean" select="true()"/>

  <!-- The documents, parsed once by the build: the driver (if any), the accounts in reading order, the authority
       files. -->
  <xsl:param name="driver" as="document-node()?" select="()"/>
  <xsl:param name="accounts" as="document-node()*" select="()"/>
  <xsl:param name="authorities" as="document-node()*" select="()"/>
  <!-- The sigla of the edition's witnesses, from the edition model (Edition.sigla()): keyed by the pointer that cites
       a witness (witnesses.xml#wit-cable) and by its bare id; the print does not derive a siglum itself. -->
  <xsl:param name="sigla" as="map(xs:string, xs:string)" select="map{}"/>

  <!-- The texts to print: each account's TEI, or each TEI of a corpus that holds its texts itself. -->
  <xsl:variable name="texts" as="element()*"
    select="$accounts ! (if (*/self::teiCorpus) then .//TEI[not(ancestor::TEI)] else *)"/>
  <xsl:variable name="all-documents" as="document-node()*" select="($accounts, $authorities)"/>
  <!-- Pointers into the edition's documents are resolved in these (xslt/common/functions.xsl), not read again. -->
  <xsl:variable name="f:documents" as="document-node()*" select="($all-documents, $driver)"/>
  <xsl:variable name="corpus-title" as="element()*" select="$driver/*/teiHeader/fileDesc/titleStmt/title"/>
  <xsl:variable name="edition-title" as="xs:string" select="normalize-space(($title[normalize-space()],
      $corpus-title[@type = 'main'], $corpus-title[not(@type)], 'Edition')[1])"/>

  <!-- The running head of left pages: a short title, else the title up to its colon. -->
  <xsl:variable name="running-edition-title" as="xs:string" select="normalize-space(($corpus-title[@type = 'short'],
    replace($edition-title, '^([^:]{8,}):.*$', '$1'))[1])"/>

  <xsl:template name="print-edition">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$edition-title"/></title>
        <xsl:for-each select="$driver/*/teiHeader/fileDesc/titleStmt/editor">
          <meta name="author" content="{normalize-space(.)}"/>
        </xsl:for-each>
        <meta name="generator" content="tei-edition-toolkit xslt/print"/>
        <xsl:if test="$build-date ne ''">
          <meta name="dcterms.created" content="{$build-date}"/>
          <meta name="dcterms.modified" content="{$build-date}"/>
        </xsl:if>
        <link rel="stylesheet" href="{$css-href}"/>
      </head>
      <!-- Line breaks between the parts (white space between blocks, so harmless) keep golden-file diffs readable. -->
      <body>
        <xsl:call-template name="f:title-page"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="f:contents"/>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="f:sigla"/>
        <xsl:call-template name="f:method"/>
        <xsl:for-each select="$texts">
          <xsl:text>&#10;</xsl:text>
          <xsl:apply-templates select="." mode="account"/>
        </xsl:for-each>
        <xsl:text>&#10;</xsl:text>
        <xsl:if test="$index">
          <xsl:call-template name="f:indexes"/>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="f:title-page">
    <xsl:variable name="header" as="element()?" select="$driver/*/teiHeader"/>
    <section class="title-page">
      <h1 class="edition-title" data-running="{$running-edition-title}"><xsl:value-of select="$edition-title"/></h1>
      <xsl:for-each select="$corpus-title[@type = 'sub']">
        <p class="edition-subtitle"><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:if test="$header//titleStmt/editor">
        <p class="edition-editors">
          <xsl:text>Edited by </xsl:text>
          <xsl:value-of select="$header//titleStmt/editor ! normalize-space(.)" separator=" and "/>
        </p>
      </xsl:if>
      <xsl:for-each select="$header/fileDesc/sourceDesc/bibl[not(@type = 'witness')]">
        <p class="edition-source">From <xsl:apply-templates select="node()" mode="front"/></p>
      </xsl:for-each>
    </section>
    <!-- The verso of the title page: publisher, licence and rights, and the printing date when asked for. -->
    <section class="imprint">
      <xsl:for-each select="$header/fileDesc/publicationStmt/(publisher, availability/licence, availability/p)">
        <p><xsl:if test="self::publisher">Published by </xsl:if><xsl:apply-templates select="node()" mode="front"/></p>
      </xsl:for-each>
      <xsl:for-each select="$header/fileDesc/sourceDesc/bibl[@type = 'witness']">
        <p class="edition-witness"><xsl:apply-templates select="node()" mode="front"/></p>
      </xsl:for-each>
      <xsl:for-each select="$header/fileDesc/editionStmt">
        <p class="edition-release"><xsl:value-of select="string-join((
          (.//num[@type = 'version'])[1] ! ('Version ' || normalize-space(.)),
          (.//date[@type = 'release'])[1] ! ('released ' || normalize-space(.))), ', ')"/>.</p>
      </xsl:for-each>
      <xsl:if test="$build-date ne ''">
        <p class="build-date">Printed <xsl:value-of select="$build-date"/></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The sigla of the apparatus: the witnesses the accounts cite, and "ed." for the editors' corrections. -->
  <xsl:template name="f:sigla">
    <xsl:variable name="cited" as="xs:string*" select="distinct-values($texts//(lem, rdg)/@wit ! f:ids(.))"/>
    <xsl:variable name="witnesses" as="element()*" select="$all-documents//listWit//witness[@xml:id = $cited]"/>
    <xsl:if test="exists($witnesses) or exists($texts//choice[sic])">
      <section class="sigla" aria-labelledby="sigla-title">
        <h2 id="sigla-title">Sigla</h2>
        <dl>
          <xsl:for-each select="$witnesses">
            <dt><xsl:value-of select="f:witness-siglum(.)"/></dt>
            <dd>
              <xsl:value-of select="replace(normalize-space(string-join(node() except abbr[@type = 'siglum'])),
                '^:\s*', '')"/>
            </dd>
          </xsl:for-each>
          <xsl:if test="exists($texts//choice[sic])">
            <dt>ed.</dt>
            <dd>a correction by the editors of this edition (the text prints the source's reading)</dd>
          </xsl:if>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The editorial method: the driver's editorialDecl, one subsection per part. -->
  <xsl:template name="f:method">
    <xsl:for-each select="$driver/*/teiHeader/encodingDesc/editorialDecl">
      <xsl:text>&#10;</xsl:text>
      <section class="method" id="editorial-method" aria-labelledby="method-title" data-running="Editorial method">
        <h2 id="method-title">Editorial method</h2>
        <xsl:for-each select="p"><p><xsl:apply-templates mode="front"/></p></xsl:for-each>
        <xsl:for-each select="* except p">
          <h3><xsl:value-of select="normalize-space(map{'correction': 'Errors and corrections', 'normalization':
            'Normalisation and identifications', 'quotation': 'Quotation marks', 'hyphenation': 'Hyphenation',
            'segmentation': 'Paragraphs and citation', 'interpretation': 'Omissions, insertions, redactions, dates
            and certainty', 'stdVals': 'Standard values'}(local-name()))"/></h3>
          <xsl:for-each select="p"><p><xsl:apply-templates mode="front"/></p></xsl:for-each>
        </xsl:for-each>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="gi" mode="front"><code>&lt;<xsl:value-of select="."/>&gt;</code></xsl:template>
  <xsl:template match="att" mode="front"><code>@<xsl:value-of select="."/></code></xsl:template>
  <xsl:template match="val" mode="front"><code><xsl:value-of select="."/></code></xsl:template>

  <!-- The front matter's bibliographic text: titles in italics, everything else as text. -->
  <xsl:template match="title[@level = ('m', 'j', 's')]" mode="front">
    <i><xsl:apply-templates mode="front"/></i>
  </xsl:template>

  <xsl:template match="title[@level = 'a']" mode="front">
    <xsl:text>“</xsl:text><xsl:apply-templates mode="front"/><xsl:text>”</xsl:text>
  </xsl:template>

  <!-- The contents: each line's title, a leader, and its page number in a box of its own at the right margin, so that
       the numbers align and a title that fills its line still gets dots (print.css). -->
  <xsl:template name="f:contents">
    <nav class="contents" aria-labelledby="contents-title">
      <h2 id="contents-title">Contents</h2>
      <ol>
        <xsl:if test="$driver/*/teiHeader/encodingDesc/editorialDecl">
          <xsl:call-template name="f:contents-line">
            <xsl:with-param name="class" select="'toc-method'"/>
            <xsl:with-param name="target" select="'editorial-method'"/>
            <xsl:with-param name="title" select="'Editorial method'"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:for-each select="$texts">
          <xsl:call-template name="f:contents-line">
            <xsl:with-param name="target" select="f:section-id(.)"/>
            <xsl:with-param name="title" select="f:account-title(.)"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:if test="$index">
          <xsl:for-each select="$printed-indexes">
            <xsl:call-template name="f:contents-line">
              <xsl:with-param name="class" select="'toc-index'"/>
              <xsl:with-param name="target" select="?id"/>
              <xsl:with-param name="title" select="?title"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="f:contents-line">
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <li>
      <xsl:if test="exists($class)"><xsl:attribute name="class" select="$class"/></xsl:if>
      <a class="toc-entry" href="#{$target}"><span class="toc-title"><xsl:value-of select="$title"/></span></a>
      <a class="toc-page" href="#{$target}" aria-hidden="true"/>
    </li>
  </xsl:template>

  <xsl:template match="*" mode="account">
    <section class="account" id="{f:section-id(.)}" data-running="{f:running-title(.)}"
      data-title="{f:account-title(.)}">
      <xsl:if test="not(text//head or text/front/titlePage)">
        <h2 class="head"><xsl:value-of select="f:account-title(.)"/></h2>
      </xsl:if>
      <xsl:apply-templates select="if (self::TEI or self::teiCorpus) then text else ."/>
      <!-- A translation says so, and that its original is not reproduced (the words of its header). -->
      <xsl:for-each select="(teiHeader/fileDesc/sourceDesc//textLang[@otherLangs])[1]">
        <p class="translation-note"><i>Language:</i><xsl:text> </xsl:text><xsl:value-of select="normalize-space(.)"
          /></p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- A section's id: the text's own xml:id, else its file's name (and its position in a corpus file). -->
  <xsl:function name="f:section-id" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="if ($text/@xml:id) then string($text/@xml:id)
      else if ($text is root($text)/*) then f:document-id($text)
      else f:document-id($text) || '-' || (count($text/preceding::TEI) + 1)"/>
  </xsl:function>

  <!-- An account's title: its main title, else the head of its account division (as printed, without a closing
       colon), else its first head, else its id. -->
  <xsl:function name="f:account-title" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="titles" as="element()*" select="$text/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:variable name="head" as="element()?"
      select="($text/text//div[@type = 'account']/head, $text/text//head, $text//head)[1]"/>
    <xsl:sequence select="(f:typographic-quotes(normalize-space(($titles[@type = 'main'], $titles[not(@type)],
      $titles)[1]))[. ne ''], replace(normalize-space(f:plain($head)), '\s*:$', '')[. ne ''], f:section-id($text))[1]"/>
  </xsl:function>

  <!-- The running head of an account's right pages: its short title, else its title, shortened to fit one line of the
       head beside the folio (f:running-head). -->
  <xsl:function name="f:running-title" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="short" as="element()?" select="$text/teiHeader/fileDesc/titleStmt/title[@type = 'short'][1]"/>
    <xsl:sequence select="if ($short) then f:typographic-quotes(normalize-space($short))
      else f:running-head(f:account-title($text))"/>
  </xsl:function>
</xsl:stylesheet>
