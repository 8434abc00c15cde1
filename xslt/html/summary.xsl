<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet: what the pages about the whole edition need of one document, as a small summary.
     The build makes one per document (cached like a page) and site.xsl reads the summaries, never the documents:
     changing one text reruns one summary, and the edition pages only if that summary changed. Whatever shows a
     passage of the text is rendered here, so that site.xsl needs nothing but the summaries. Only an account's
     summary follows pointers to other files (html.py keys the other summaries on their document alone). -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns:s="urn:x-edition:summary" xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="text.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="indexes.xsl"/>
  <xsl:import href="divisions.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-skip"/>
  <xsl:mode name="summary" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="account" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="account-entry" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="introduction" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="method" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="anchor" on-no-match="fail" on-multiple-match="fail"/>
  <!-- Editorial prose: its text and links; comments and processing instructions are left out. -->
  <xsl:mode name="prose" on-no-match="text-only-copy" on-multiple-match="fail"/>

  <!-- The document's role in the edition (driver, account or authority): only accounts have their text shown. -->
  <xsl:param name="role" as="xs:string" select="'account'"/>
  <!-- The xml:id of the document shown on the home page as the introduction (none unless the build names one). -->
  <xsl:param name="intro" as="xs:string" select="''"/>

  <xsl:template match="/*">
    <s:summary page="{f:page(.)}" title="{f:title(.)}" short-title="{f:short-title(.)}">
      <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type = 'sub']">
        <s:subtitle><xsl:value-of select="normalize-space(.)"/></s:subtitle>
      </xsl:for-each>
      <xsl:apply-templates select=".//(tei:person | tei:personGrp | tei:place | tei:org)[@xml:id]" mode="summary"/>
      <xsl:for-each select=".//tei:taxonomy//tei:category[@xml:id]">
        <s:point id="{@xml:id}" name="{f:name(.)}" scheme="{ancestor::tei:taxonomy[1]/@xml:id}">
          <s:description>
            <xsl:call-template name="prose">
              <xsl:with-param name="nodes" select="tei:catDesc/node() except tei:catDesc/tei:term"/>
            </xsl:call-template>
          </s:description>
        </s:point>
      </xsl:for-each>
      <xsl:if test="$role = 'account'">
        <xsl:apply-templates select="self::tei:TEI | self::tei:teiCorpus" mode="account"/>
      </xsl:if>
      <!-- The driver's version and release date (every page's footer) and its editorial method (the home page). -->
      <xsl:if test="$role = 'driver'">
        <xsl:for-each select="f:release(.)[. != '']"><s:release><xsl:value-of select="."/></s:release></xsl:for-each>
        <xsl:variable name="edition" as="map(xs:string, xs:string*)" select="f:edition-record(.)"/>
        <s:edition title="{$edition?title}" version="{$edition?version}" released="{$edition?released}"
          licence="{$edition?licence}" licence-url="{$edition?licence-url}">
          <xsl:for-each select="$edition?editors"><s:editor><xsl:value-of select="."/></s:editor></xsl:for-each>
        </s:edition>
        <xsl:for-each select="tei:teiHeader/tei:encodingDesc/tei:editorialDecl">
          <s:method><xsl:apply-templates select="." mode="method"/></s:method>
        </xsl:for-each>
      </xsl:if>
    </s:summary>
  </xsl:template>

  <!-- An authority entry of the indexes: its kind, name, sort key and role (life dates, occupation...). -->
  <xsl:template match="tei:person | tei:personGrp | tei:place | tei:org" mode="summary">
    <xsl:variable name="life" as="xs:string?" select="f:life(.)"/>
    <xsl:variable name="role" as="element()?" select="(tei:occupation, tei:roleName, tei:state/tei:desc,
      tei:desc, tei:note[not(@type = 'identification')])[1]"/>
    <s:entry kind="{f:index-page(.) => substring-before('.html')}" id="{@xml:id}" name="{f:name(.)}"
      sort="{f:sort-key(.)}">
      <xsl:if test="exists(($life, $role))">
        <s:role>
          <xsl:value-of select="($life ! ('(' || . || ')'), '')[1] || ($life and $role)[.] ! ' '"/>
          <xsl:call-template name="prose">
            <xsl:with-param name="nodes" select="$role/node()"/>
          </xsl:call-template>
        </s:role>
      </xsl:if>
      <!-- An identification that is ours is shown with the entry, always, whatever else the entry shows. -->
      <xsl:for-each select="tei:note[@type = 'identification']">
        <s:flag cert="{(@cert, 'unknown')[1]}">
          <xsl:call-template name="prose">
            <xsl:with-param name="nodes" select="node()"/>
          </xsl:call-template>
        </s:flag>
      </xsl:for-each>
    </s:entry>
  </xsl:template>

  <!-- Editorial prose (a role, a description): its text with spaces normalised and a leading stop dropped, its
       citations of a passage (ref to a paragraph of a text) as links labelled with the text and the paragraph. -->
  <xsl:template name="prose">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="rendered" as="node()*">
      <xsl:apply-templates select="$nodes" mode="prose"/>
    </xsl:variable>
    <xsl:for-each select="$rendered">
      <xsl:variable name="first" as="xs:boolean" select="position() = 1"/>
      <xsl:variable name="last" as="xs:boolean" select="position() = last()"/>
      <xsl:choose>
        <xsl:when test="self::text()">
          <xsl:value-of select="replace(., '\s+', ' ')
            ! (if ($first) then replace(., '^[\s:.;,]+', '') else .)
            ! (if ($last) then replace(., '\s+$', '') else .)"/>
        </xsl:when>
        <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="text()" mode="prose"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="tei:note | tei:witDetail" mode="prose"/>
  <xsl:template match="*" mode="prose"><xsl:apply-templates mode="prose"/></xsl:template>
  <xsl:template match="tei:ref[@target]" mode="prose">
    <xsl:variable name="passage" as="element()?" select="f:target(tokenize(@target)[1], .)"/>
    <xsl:choose>
      <xsl:when test="$passage[@xml:id][root()/*/tei:text]">
        <a class="citation" href="{f:page($passage)}#{$passage/@xml:id}"
          title="{f:title(root($passage)/*)}, {f:anchor-label($passage)}">
          <xsl:value-of select="f:short-title(root($passage)/*) || ', ' || f:anchor-label($passage)"/>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="prose"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An account: its entry on the home page, its mentions, dates and passages on contested points. -->
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="account">
    <!-- its kind (f:kind), and the category and taxonomy it is classified by: site.xsl tells them from the points -->
    <xsl:variable name="class" as="element()?" select="tei:teiHeader/tei:profileDesc/tei:textClass/tei:catRef[1]"/>
    <s:account kind="{f:kind(.)}" kind-id="{$class/@target ! substring-after(tokenize(.)[1], '#')}"
      kind-scheme="{$class/@scheme ! substring-after(., '#')}">
      <xsl:apply-templates select="." mode="account-entry"/>
    </s:account>
    <!-- the pages of its divisions that are pages of their own (divisions.xsl), for the sitemap -->
    <xsl:for-each select=".//tei:text//tei:div[f:is-page-division(.)]">
      <s:part page="{f:page(.)}" title="{f:division-title(.)}" index="{if (f:is-index-division(.))
        then (if (tei:list/tei:item//tei:persName[@xml:id]) then 'persons' else 'terms') else ''}"/>
    </xsl:for-each>
    <s:json-ld><xsl:value-of select="serialize(f:work-json-ld(., ($f:base-url[. != ''] || f:page(.))[$f:base-url != '']),
      map{'method': 'json', 'indent': false()})"/></s:json-ld>
    <xsl:if test="@xml:id = $intro">
      <s:introduction><xsl:apply-templates select="." mode="introduction"/></s:introduction>
    </xsl:if>
    <xsl:for-each select=".//tei:text//*[@ref or @who]">
      <s:mention ids="{distinct-values((tokenize(@ref), tokenize(@who)) ! substring-after(., '#'))}"
        search-page="{f:page(.)}" search-anchor="{f:search-anchor(.)}">
        <xsl:apply-templates select="f:anchor(.)" mode="anchor"/>
      </s:mention>
    </xsl:for-each>
    <!-- The timeline's dates: those of the texts (not of the editors' notes or descriptions) that date something,
         a day or a span with both its bounds; an open bound ("some time ago": before 27 October) or a value of low
         certainty dates no event, and is left out. -->
    <xsl:for-each select=".//tei:text//tei:date[f:date-key(.) != ''][not(ancestor::tei:note or ancestor::tei:desc
      or ancestor::tei:teiHeader)][@when or ((@from or @notBefore) and (@to or @notAfter))][not(@cert = 'low')]">
      <s:date key="{f:date-key(.)}" value="{f:date-value(.)}" text="{normalize-space(.)}"
        precision="{if (@when) then 'a date' else if (@from) then 'a duration' else 'a span'}"
        cert="{(@cert, '')[1]}">
        <xsl:apply-templates select="f:anchor(.)" mode="anchor"/>
      </s:date>
    </xsl:for-each>
    <xsl:for-each select=".//tei:text//*[@ana]">
      <s:passage points="{tokenize(@ana) ! substring-after(., '#')}" search-page="{f:page(.)}"
        search-anchor="{f:search-anchor(.)}">
        <blockquote class="passage">
          <p><xsl:apply-templates mode="text"><xsl:with-param name="excerpt" select="true()"
            tunnel="yes"/></xsl:apply-templates></p>
          <xsl:if test="f:anchor(.)"><p class="passage-link">
            <xsl:sequence select="f:mention-link(f:page(.), string(f:anchor(.)/@xml:id), f:anchor-label(f:anchor(.)),
              1)"/></p></xsl:if>
        </blockquote>
      </s:passage>
    </xsl:for-each>
  </xsl:template>

  <!-- Where the search lands for a node of the text (on its page, search-page): the paragraph it stands in (the
       numbered block with an id), or the note in the list of notes when it is in a note (the anchors search.js
       finds in Pagefind's results). -->
  <xsl:function name="f:search-anchor" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="note" as="element()?" select="$node/ancestor-or-self::tei:note[ancestor::tei:text][last()]"/>
    <xsl:sequence select="if ($note) then f:note-id($note)
      else string(($node/ancestor-or-self::*[@n][@xml:id][not(self::tei:TEI or self::tei:div)][1],
        f:anchor($node))[1]/@xml:id)"/>
  </xsl:function>

  <!-- The editorial method (the driver's editorialDecl): a section of the home page, one subsection per part. -->
  <xsl:template match="tei:editorialDecl" mode="method">
    <section class="method" id="editorial-method" aria-labelledby="editorial-method-heading">
      <h2 id="editorial-method-heading">Editorial method</h2>
      <xsl:apply-templates select="tei:p" mode="text"/>
      <xsl:for-each select="* except tei:p">
        <h3><xsl:value-of select="normalize-space(map{'correction': 'Errors and corrections', 'normalization':
          'Normalisation and identifications', 'quotation': 'Quotation marks', 'hyphenation': 'Hyphenation',
          'segmentation': 'Paragraphs and citation', 'interpretation': 'Omissions, insertions, redactions, dates and
          certainty', 'stdVals': 'Standard values'}(local-name()))"/></h3>
        <xsl:apply-templates select="tei:p" mode="text"/>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- Where a mention or a date stands: the anchor it links to and how the link is labelled. -->
  <xsl:template match="*" mode="anchor">
    <xsl:attribute name="anchor" select="@xml:id"/>
    <xsl:attribute name="label" select="f:anchor-label(.)"/>
  </xsl:template>

  <!-- An account in the list on the home page: title, author, kind, date and source. -->
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="account-entry">
    <xsl:variable name="header" as="element()?" select="tei:teiHeader"/>
    <xsl:variable name="source" as="element()?" select="$header/tei:fileDesc/tei:sourceDesc/tei:bibl[last()]"/>
    <xsl:variable name="work" as="element()?" select="($source/@corresp ! tokenize(.)[1] ! f:target(., $source))[1]"/>
    <li>
      <p class="account-title"><a href="{f:page(.)}"><xsl:value-of select="f:title(.)"/></a></p>
      <dl class="meta">
        <xsl:if test="$header//tei:titleStmt/tei:author">
          <dt>Author</dt><dd><xsl:value-of select="$header//tei:titleStmt/tei:author ! normalize-space(
            string-join((tei:persName, tei:name, .)[1]//text()))" separator=" and "/></dd>
        </xsl:if>
        <xsl:for-each select="f:kind(.)">
          <dt>Kind</dt><dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:for-each select="($header/tei:profileDesc/tei:creation//tei:date)[1]">
          <dt>Date</dt><dd><xsl:apply-templates select="." mode="text"/></dd>
        </xsl:for-each>
        <xsl:for-each select="f:translation-status(.)">
          <dt>Language</dt><dd class="cable-translation"><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:if test="$source">
          <dt>Source</dt><dd><xsl:apply-templates select="$source/(node() except (tei:note | tei:textLang))"
            mode="text"><xsl:with-param name="excerpt" select="true()" tunnel="yes"/></xsl:apply-templates></dd>
        </xsl:if>
      </dl>
    </li>
  </xsl:template>

  <!-- The introduction in full, as the home page shows it. -->
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="introduction">
    <section class="introduction" aria-labelledby="introduction-heading">
      <h2 id="introduction-heading">Introduction</h2>
      <!-- the line break and indentation inside the link text are part of the page: keep them -->
      <p class="intro-by">By <xsl:value-of select="tei:teiHeader//tei:titleStmt/tei:author ! normalize-space(.)"
        separator=" and "/> (<a href="{f:page(.)}">the introduction as
                an edited text, with notes</a>)</p>
      <xsl:apply-templates select="tei:text" mode="text"/>
      <xsl:call-template name="f:notes">
        <xsl:with-param name="text" select="tei:text"/>
      </xsl:call-template>
    </section>
  </xsl:template>
</xsl:stylesheet>
