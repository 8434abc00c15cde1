<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet: the pages about the whole edition (home, indexes, timeline, comparison, search).
     Its source is a manifest listing the documents: <manifest><document role="driver|account|authority" href=""/>. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns:m="urn:x-edition:manifest" xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="text.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="indexes.xsl"/>

  <xsl:mode on-no-match="shallow-skip"/>

  <!-- The xml:id of the document shown on the home page as the introduction. -->
  <xsl:param name="intro" as="xs:string" select="'hershberg-intro'"/>

  <xsl:template match="/m:manifest">
    <xsl:variable name="all" as="document-node()*" select="m:document ! doc(@href)"/>
    <xsl:variable name="accounts" as="document-node()*" select="m:document[@role = 'account'] ! doc(@href)"/>
    <xsl:variable name="driver" as="element()?" select="(m:document[@role = 'driver'] ! doc(@href)/*)[1]"/>
    <xsl:variable name="introduction" as="document-node()?" select="$accounts[*/@xml:id = $intro][1]"/>
    <xsl:call-template name="f:write">
      <xsl:with-param name="href" select="'index.html'"/>
      <xsl:with-param name="page-title" select="($title[. != ''], $driver ! f:title(.), 'Edition')[1]"/>
      <xsl:with-param name="content">
        <div class="home" data-pagefind-body="">
          <h1><xsl:value-of select="($driver ! f:title(.), $title[. != ''], 'Edition')[1]"/></h1>
          <xsl:for-each select="$driver/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type = 'sub']">
            <p class="subtitle"><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
          <xsl:if test="$introduction">
            <section class="introduction" aria-labelledby="introduction-heading">
              <h2 id="introduction-heading">Introduction</h2>
              <p class="intro-by">By <xsl:value-of select="$introduction/*/tei:teiHeader//tei:titleStmt/tei:author !
                normalize-space(.)" separator=" and "/> (<a href="{f:page($introduction)}">the introduction as
                an edited text, with notes</a>)</p>
              <xsl:apply-templates select="$introduction/*/tei:text" mode="text"/>
              <xsl:call-template name="f:notes">
                <xsl:with-param name="text" select="$introduction/*/tei:text"/>
              </xsl:call-template>
            </section>
          </xsl:if>
          <section class="accounts" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">The accounts</h2>
            <ol class="account-list">
              <xsl:apply-templates select="$accounts[not(. is $introduction)] ! *" mode="account-entry"/>
            </ol>
          </section>
        </div>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:for-each select="('persons', 'places', 'orgs')">
      <xsl:variable name="kind" as="xs:string" select="."/>
      <xsl:call-template name="f:write">
        <xsl:with-param name="href" select="$kind || '.html'"/>
        <xsl:with-param name="page-title" select="map{'persons': 'Persons', 'places': 'Places',
          'orgs': 'Organisations'}($kind)"/>
        <xsl:with-param name="content">
          <div data-pagefind-body="">
            <xsl:call-template name="f:index">
              <xsl:with-param name="heading" select="map{'persons': 'Index of persons', 'places': 'Index of places',
                'orgs': 'Index of organisations'}($kind)"/>
              <xsl:with-param name="accounts" select="$accounts"/>
              <xsl:with-param name="entries" select="map{
                'persons': $all//(tei:person | tei:personGrp)[@xml:id],
                'places': $all//tei:place[@xml:id],
                'orgs': $all//tei:org[@xml:id]}($kind)"/>
            </xsl:call-template>
          </div>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="f:write">
      <xsl:with-param name="href" select="'timeline.html'"/>
      <xsl:with-param name="page-title" select="'Timeline'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="f:timeline"><xsl:with-param name="accounts" select="$accounts"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="f:write">
      <xsl:with-param name="href" select="'compare.html'"/>
      <xsl:with-param name="page-title" select="'The accounts compared'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="f:comparison">
          <xsl:with-param name="accounts" select="$accounts"/>
          <xsl:with-param name="categories" select="$all ! (.//tei:taxonomy//tei:category[@xml:id])"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="f:write">
      <xsl:with-param name="href" select="'search.html'"/>
      <xsl:with-param name="page-title" select="'Search'"/>
      <xsl:with-param name="content">
        <h1>Search the edition</h1>
        <link rel="stylesheet" href="pagefind/pagefind-ui.css"/>
        <div id="search" class="search"></div>
        <noscript><p>Search needs JavaScript and a web server (it does not run from a file:// address).</p></noscript>
        <script src="pagefind/pagefind-ui.js"></script>
        <script src="assets/search.js"></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="f:write">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="page-title" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:result-document href="{$href}">
      <xsl:call-template name="f:page">
        <xsl:with-param name="page-title" select="$page-title"/>
        <xsl:with-param name="href" select="$href"/>
        <xsl:with-param name="content" select="$content"/>
      </xsl:call-template>
    </xsl:result-document>
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
        <xsl:if test="$work/@type or tei:text/@type">
          <dt>Kind</dt><dd><xsl:value-of select="($work/@type, tei:text/@type)[1]"/></dd>
        </xsl:if>
        <xsl:for-each select="($header/tei:profileDesc/tei:creation//tei:date)[1]">
          <dt>Date</dt><dd><xsl:apply-templates select="." mode="text"/></dd>
        </xsl:for-each>
        <xsl:if test="$source">
          <dt>Source</dt><dd><xsl:apply-templates select="$source/(node() except (tei:note | tei:textLang))"
            mode="text"><xsl:with-param name="excerpt" select="true()" tunnel="yes"/></xsl:apply-templates></dd>
        </xsl:if>
      </dl>
    </li>
  </xsl:template>
</xsl:stylesheet>
