<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet: the page of one TEI document (an account) of the website. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="text.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="divisions.xsl"/>

  <xsl:mode on-no-match="shallow-skip"/>
  <xsl:mode name="account-header" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="account-source" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="account-head" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="division-page" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="division-head" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The texts before and after this one in the edition's reading order (their file names, as the pointers name
       files), or empty: the build passes them. -->
  <xsl:param name="previous" as="xs:string" select="''"/>
  <xsl:param name="next" as="xs:string" select="''"/>

  <xsl:template match="/tei:TEI | /tei:teiCorpus">
    <xsl:variable name="divisions" as="element()*"
      select="(tei:text | tei:TEI/tei:text)//tei:div[f:is-page-division(.)]"/>
    <xsl:call-template name="f:shell">
      <xsl:with-param name="page-title" select="f:title(.)"/>
      <xsl:with-param name="href" select="f:page(.)"/>
      <xsl:with-param name="page-class" select="'page page-account'"/>
      <xsl:with-param name="lang" select="string((@xml:lang, tei:text/@xml:lang, 'en')[1])"/>
      <xsl:with-param name="release" select="f:release(.)"/>
      <xsl:with-param name="edition" select="f:edition-record(.)"/>
      <xsl:with-param name="head"><xsl:apply-templates select="." mode="account-head"/></xsl:with-param>
      <xsl:with-param name="content">
        <xsl:call-template name="f:sequence-links"><xsl:with-param name="position" select="'top'"/></xsl:call-template>
        <article class="account" data-pagefind-body="">
          <xsl:apply-templates select="." mode="account-header"/>
          <xsl:call-template name="f:legend"/>
          <div class="text" id="text">
            <xsl:apply-templates select="tei:text | tei:TEI | self::tei:teiCorpus[not(tei:TEI)]/tei:text"
              mode="text"/>
          </div>
          <xsl:choose>
            <xsl:when test="empty($divisions)">
              <xsl:call-template name="f:notes">
                <xsl:with-param name="text" select="tei:text | tei:TEI/tei:text"/>
              </xsl:call-template>
            </xsl:when>
            <!-- the notes of the divisions are at the end of their own pages -->
            <xsl:otherwise>
              <xsl:call-template name="f:page-notes">
                <xsl:with-param name="notes" select="(tei:text | tei:TEI/tei:text)//tei:note[not(ancestor::tei:note)]
                  [f:is-footnote(.)][empty(f:page-division(.))]"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:apply-templates select="." mode="account-source"/>
        </article>
        <xsl:call-template name="f:sequence-links"><xsl:with-param name="position" select="'bottom'"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <!-- each division that is a page of its own (docs/build.md), its neighbours in document order linked -->
    <xsl:variable name="documents" as="element()*" select="$divisions[f:is-document-division(.)]"/>
    <xsl:for-each select="$documents">
      <xsl:variable name="at" as="xs:integer" select="position()"/>
      <xsl:apply-templates select="." mode="division-page">
        <xsl:with-param name="previous" select="$documents[$at - 1]"/>
        <xsl:with-param name="next" select="$documents[$at + 1]"/>
      </xsl:apply-templates>
    </xsl:for-each>
    <xsl:apply-templates select="$divisions except $documents" mode="division-page"/>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="account-header">
    <xsl:variable name="title-stmt" as="element()?" select="tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <header class="account-header">
      <h1><xsl:value-of select="f:title(.)"/></h1>
      <xsl:for-each select="$title-stmt/tei:title[@type = 'sub']">
        <p class="subtitle"><xsl:apply-templates mode="text"/></p>
      </xsl:for-each>
      <dl class="meta">
        <xsl:if test="$title-stmt/tei:author">
          <dt>Author</dt>
          <xsl:for-each select="$title-stmt/tei:author"><dd><xsl:apply-templates mode="text"/></dd></xsl:for-each>
        </xsl:if>
        <xsl:for-each select="tei:teiHeader/tei:profileDesc/tei:creation">
          <dt>Written</dt><dd><xsl:apply-templates mode="text"/></dd>
        </xsl:for-each>
        <xsl:for-each select="f:translation-status(.)">
          <dt>Language</dt><dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
      </dl>
      <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:note[@type = 'translation']">
        <p class="cable-translation"><strong>A translation.</strong><xsl:text> </xsl:text><xsl:apply-templates
          mode="text"/></p>
      </xsl:for-each>
      <xsl:if test=".//tei:text//tei:choice">
        <p class="reading-switch" data-pagefind-ignore="all">
          <button type="button" class="reading-toggle" aria-pressed="false" hidden="hidden">Show the transcription exactly</button>
          <span class="reading-help">Edited reading: errors of our transcription corrected (dotted underline), errors of the original as printed and marked [sic]; the other reading on hover.</span>
        </p>
      </xsl:if>
    </header>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="account-source">
    <xsl:variable name="bibls" as="element()*" select="tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl
      | tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:biblStruct | tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:p"/>
    <section class="source" aria-labelledby="source-heading">
      <h2 id="source-heading">Source</h2>
      <xsl:for-each select="$bibls">
        <p class="source-bibl"><xsl:apply-templates select="node() except tei:note" mode="text">
          <xsl:with-param name="excerpt" select="true()" tunnel="yes"/></xsl:apply-templates></p>
      </xsl:for-each>
      <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability">
        <p class="licence"><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <p class="how-to-cite" data-pagefind-ignore="all"><strong>How to cite this text</strong> (Chicago, note):
        <span class="cite-text"><xsl:sequence select="f:chicago-note(., (), $f:base-url || f:page(.))"/></span>
        A paragraph: its number’s “cite” button, or a link to <code><xsl:value-of select="$f:base-url || f:page(.)"
        />#</code> followed by the paragraph’s identifier.</p>
      <p class="tei-source" data-pagefind-ignore="all"><a href="{f:tei-file(.)}" type="application/tei+xml">The TEI
        source of this text</a> (XML, TEI P5).</p>
    </section>
  </xsl:template>


  <!-- The document a neighbour's file name names (beside this one), if the edition has it. -->
  <xsl:function name="f:neighbour" as="element()?" visibility="public">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="uri" as="xs:string?" select="$file[. != ''] ! string(resolve-uri(., base-uri($context)))"/>
    <xsl:sequence select="if (empty($uri)) then () else if (map:contains($f:document-at, $uri))
      then $f:document-at($uri)/* else if (doc-available($uri)) then doc($uri)/* else ()"/>
  </xsl:function>

  <!-- Previous and next text in the edition's reading order. -->
  <xsl:template name="f:sequence-links">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="position" as="xs:string"/>
    <xsl:variable name="before" as="element()?" select="f:neighbour($previous, .)"/>
    <xsl:variable name="after" as="element()?" select="f:neighbour($next, .)"/>
    <xsl:if test="exists(($before, $after))">
      <nav class="sequence sequence-{$position}" aria-label="Texts ({$position}): previous and next"
        data-pagefind-ignore="all">
        <xsl:for-each select="$before">
          <a class="previous" rel="prev" href="{f:page(.)}"><span aria-hidden="true">← </span><span
            class="sequence-label">Previous: </span><xsl:value-of select="f:title(.)"/></a>
        </xsl:for-each>
        <xsl:for-each select="$after">
          <a class="next" rel="next" href="{f:page(.)}"><span class="sequence-label">Next: </span><xsl:value-of
            select="f:title(.)"/><span aria-hidden="true"> →</span></a>
        </xsl:for-each>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The legend of the markup layers, each with a switch (CSS hides a layer whose box is unchecked). -->
  <xsl:template name="f:legend">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="text" as="element()*" select="tei:text | tei:TEI/tei:text"/>
    <xsl:variable name="layers" as="map(xs:string, xs:string)*" select="(
      ($text//(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name)[@ref])[1] ! map{'id': 'names',
        'label': 'Names', 'help': 'persons, places, organisations: a link to the index'},
      ($text//tei:date)[1] ! map{'id': 'dates', 'label': 'Dates', 'help': 'the normalised date on hover'},
      ($text//tei:choice)[1] ! map{'id': 'errors', 'label': 'Errors', 'help': 'of the original as printed; of our
        transcription corrected (dotted)'},
      ($text//tei:quote)[1] ! map{'id': 'quotations', 'label': 'Quotations', 'help': 'shaded, a link to the passage quoted'},
      ($text//@ana[let $owner := .. return exists(tokenize(.) ! f:target(., $owner)[self::tei:category])])[1]
        ! map{'id': 'points', 'label': 'Contested points', 'help': 'a link to the accounts compared'},
      ($text//tei:app)[1] ! map{'id': 'apparatus', 'label': 'Apparatus', 'help': 'a letter opens the other readings'})"/>
    <xsl:if test="exists($layers)">
      <fieldset class="legend" data-pagefind-ignore="all">
        <legend>Markup shown</legend>
        <ul>
          <xsl:for-each select="$layers">
            <li class="layer-{?id}"><input type="checkbox" id="layer-{?id}" checked="checked"/><xsl:text> </xsl:text>
              <label for="layer-{?id}"><span class="layer-sample"><xsl:value-of select="?label"/></span>
              <xsl:text> — </xsl:text><span class="layer-help"><xsl:value-of select="normalize-space(?help)"/></span></label></li>
          </xsl:for-each>
        </ul>
      </fieldset>
    </xsl:if>
  </xsl:template>

  <!-- The head of an account's page: Highwire Press citation_* tags (Google Scholar, Zotero) and schema.org JSON-LD
       (the text as a CreativeWork, part of the edition as a Book). -->
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="account-head">
    <xsl:variable name="edition" as="map(xs:string, xs:string*)" select="f:edition-record(.)"/>
    <xsl:variable name="authors" as="map(xs:string, xs:string)*" select="f:authors(.)"/>
    <xsl:variable name="url" as="xs:string?" select="($f:base-url[. != ''] || f:page(.))[$f:base-url != '']"/>
    <meta name="citation_title" content="{f:title(.)}"/>
    <xsl:for-each select="$authors">
      <meta name="citation_author" content="{(?inverted, ?name)[1]}"/>
    </xsl:for-each>
    <meta name="citation_inbook_title" content="{$edition?title}"/>
    <meta name="citation_book_title" content="{$edition?title}"/>
    <xsl:for-each select="$edition?editors"><meta name="citation_editor" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$edition?released">
      <meta name="citation_publication_date" content="{translate(., '-', '/')}"/>
    </xsl:for-each>
    <xsl:for-each select="$edition?version"><meta name="citation_edition" content="version {.}"/></xsl:for-each>
    <meta name="citation_language" content="{string((@xml:lang, tei:text/@xml:lang, 'en')[1])}"/>
    <xsl:for-each select="$url">
      <meta name="citation_public_url" content="{.}"/>
      <meta name="citation_fulltext_html_url" content="{.}"/>
    </xsl:for-each>
    <script type="application/ld+json"><xsl:value-of select="serialize(f:work-json-ld(., $url), map{'method':
      'json', 'indent': false()})"/></script>
  </xsl:template>

  <!-- The page of a division that is a page of its own: its heading, date and text, its footnotes at its end, how to
       cite it, and links to its neighbours and to the page of its text (the contents). -->
  <xsl:template match="tei:div" mode="division-page">
    <xsl:param name="previous" as="element()?" select="()"/>
    <xsl:param name="next" as="element()?" select="()"/>
    <xsl:variable name="doc" as="element()" select="root(.)/*"/>
    <xsl:variable name="neighbours" as="map(xs:string, element()?)" select="map{'previous': $previous, 'next': $next}"/>
    <xsl:result-document href="{f:page(.)}">
      <xsl:call-template name="f:shell">
        <xsl:with-param name="page-title" select="f:division-title(.)"/>
        <xsl:with-param name="href" select="f:page(.)"/>
        <xsl:with-param name="page-class" select="'page page-account page-division'"/>
        <xsl:with-param name="lang" select="string((ancestor-or-self::*[@xml:lang][1]/@xml:lang, 'en')[1])"/>
        <xsl:with-param name="release" select="f:release($doc)"/>
        <xsl:with-param name="edition" select="f:edition-record($doc)"/>
        <xsl:with-param name="head"><xsl:apply-templates select="." mode="division-head"/></xsl:with-param>
        <xsl:with-param name="content">
          <xsl:call-template name="f:division-links">
            <xsl:with-param name="position" select="'top'"/>
            <xsl:with-param name="neighbours" select="$neighbours"/>
          </xsl:call-template>
          <article class="account division" data-pagefind-body="">
            <header class="account-header division-header">
              <p class="division-of"><a href="{f:page($doc)}"><xsl:value-of select="f:title($doc)"/></a></p>
              <h1><xsl:choose>
                <xsl:when test="tei:head"><xsl:apply-templates select="tei:head[1]/node()" mode="text"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="f:division-title(.)"/></xsl:otherwise>
              </xsl:choose></h1>
              <xsl:if test="f:is-document-division(.)">
                <p class="division-dated"><xsl:call-template name="f:division-date">
                  <xsl:with-param name="division" select="."/></xsl:call-template></p>
              </xsl:if>
            </header>
            <div class="text" id="text">
              <section class="{string-join(('div', @type), ' ')}">
                <xsl:apply-templates select="@xml:id" mode="id"/>
                <!-- the page of the source the division begins on, when it begins within one -->
                <xsl:if test="not((* except tei:head)[1]/self::tei:pb)">
                  <xsl:apply-templates select="preceding::tei:pb[1]" mode="text">
                    <xsl:with-param name="opening" select="true()" tunnel="yes"/>
                  </xsl:apply-templates>
                </xsl:if>
                <xsl:apply-templates select="node() except tei:head[1]" mode="text"/>
              </section>
            </div>
            <xsl:call-template name="f:notes"><xsl:with-param name="text" select="."/></xsl:call-template>
            <section class="source" aria-labelledby="source-heading">
              <h2 id="source-heading">Source</h2>
              <p class="how-to-cite" data-pagefind-ignore="all"><strong>How to cite this document</strong> (Chicago,
                note): <span class="cite-text">“<xsl:value-of select="replace(f:division-title(.), '\.$', '')"/>,” in <cite
                class="title"><xsl:value-of select="f:title($doc)"/></cite>, <xsl:sequence select="f:url($f:base-url
                || f:page(.))"/>.</span></p>
              <p class="tei-source" data-pagefind-ignore="all"><a href="{f:tei-file(.)}" type="application/tei+xml"
                >The TEI source of this text</a> (XML, TEI P5).</p>
            </section>
          </article>
          <xsl:call-template name="f:division-links">
            <xsl:with-param name="position" select="'bottom'"/>
            <xsl:with-param name="neighbours" select="$neighbours"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- Previous and next division (with their headings) and the contents, the page of their text. -->
  <xsl:template name="f:division-links">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="position" as="xs:string"/>
    <xsl:param name="neighbours" as="map(xs:string, element()?)"/>
    <nav class="sequence sequence-{$position}" aria-label="Documents ({$position}): previous and next"
      data-pagefind-ignore="all">
      <xsl:for-each select="$neighbours?previous">
        <a class="previous" rel="prev" href="{f:page(.)}"><span aria-hidden="true">← </span><span
          class="sequence-label">Previous: </span><xsl:value-of select="f:division-title(.)"/></a>
      </xsl:for-each>
      <a class="contents" href="{f:page(root(.)/*)}">Contents</a>
      <xsl:for-each select="$neighbours?next">
        <a class="next" rel="next" href="{f:page(.)}"><span class="sequence-label">Next: </span><xsl:value-of
          select="f:division-title(.)"/><span aria-hidden="true"> →</span></a>
      </xsl:for-each>
    </nav>
  </xsl:template>

  <!-- The head of a division's page: citation_* tags and JSON-LD (the division, part of its text). -->
  <xsl:template match="tei:div" mode="division-head">
    <xsl:variable name="doc" as="element()" select="root(.)/*"/>
    <xsl:variable name="url" as="xs:string?" select="($f:base-url[. != ''] || f:page(.))[$f:base-url != '']"/>
    <xsl:variable name="volume-url" as="xs:string?" select="($f:base-url[. != ''] || f:page($doc))[$f:base-url != '']"/>
    <xsl:variable name="dates" as="xs:string*" select="f:division-dates(.)"/>
    <meta name="citation_title" content="{f:division-title(.)}"/>
    <meta name="citation_inbook_title" content="{f:title($doc)}"/>
    <meta name="citation_book_title" content="{f:title($doc)}"/>
    <meta name="citation_language" content="{string((ancestor-or-self::*[@xml:lang][1]/@xml:lang, 'en')[1])}"/>
    <xsl:for-each select="$url">
      <meta name="citation_public_url" content="{.}"/>
      <meta name="citation_fulltext_html_url" content="{.}"/>
    </xsl:for-each>
    <script type="application/ld+json"><xsl:value-of select="serialize(map:merge((map{'@context': 'https://schema.org',
      '@type': 'CreativeWork', 'name': f:division-title(.), 'isPartOf': map:remove(f:work-json-ld($doc, $volume-url),
      '@context')}, $url ! map{'@id': ., 'url': .}, $dates[1] ! map{'dateCreated': .})), map{'method': 'json',
      'indent': false()})"/></script>
  </xsl:template>

</xsl:stylesheet>
