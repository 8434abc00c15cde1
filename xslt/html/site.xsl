<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet: the pages about the whole edition (home, indexes, timeline, comparison, search).
     Its source is a manifest of the documents' summaries (summary.xsl), in reading order:
     <manifest><document role="driver|account|authority" href="the summary"/>. It reads no TEI document. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:f="urn:x-edition:function" xmlns:m="urn:x-edition:manifest"
  xmlns:s="urn:x-edition:summary" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="indexes.xsl"/>

  <xsl:mode on-no-match="shallow-skip"/>

  <!-- The driver's version and release date, for the footer of every edition page. -->
  <xsl:variable name="release" as="xs:string" select="string((/m:manifest/m:document[@role = 'driver']
    ! doc(@href)/s:summary/s:release)[1])"/>
  <!-- The driver's record of the edition (title, editors, version, licence), for the footer and the citations. -->
  <xsl:variable name="edition" as="map(xs:string, xs:string*)" select="((/m:manifest/m:document[@role = 'driver']
    ! doc(@href)/s:summary/s:edition)[1] ! map:merge((@* [. != ''] ! map{local-name(.): string(.)},
    s:editor[1] ! map{'editors': ../s:editor ! string(.)})), map{})[1]"/>

  <xsl:template match="/m:manifest">
    <xsl:variable name="all" as="element(s:summary)*" select="m:document ! doc(@href)/s:summary"/>
    <xsl:variable name="accounts" as="element(s:summary)*"
      select="m:document[@role = 'account'] ! doc(@href)/s:summary"/>
    <xsl:variable name="driver" as="element(s:summary)?"
      select="(m:document[@role = 'driver'] ! doc(@href)/s:summary)[1]"/>
    <xsl:variable name="introduction" as="element(s:summary)?" select="$accounts[s:introduction][1]"/>
    <xsl:call-template name="f:write">
      <xsl:with-param name="href" select="'index.html'"/>
      <xsl:with-param name="head">
        <script type="application/ld+json"><xsl:value-of select="serialize(map:merge((map{'@context':
          'https://schema.org'}, f:edition-json-ld($edition), map{'hasPart': array{$accounts/s:json-ld !
          map:remove(map:remove(parse-json(.), '@context'), 'isPartOf')}})), map{'method': 'json', 'indent': false()})"/></script>
      </xsl:with-param>
      <xsl:with-param name="page-title" select="($title[. != ''], $driver/@title, 'Edition')[1]"/>
      <xsl:with-param name="content">
        <div class="home">
          <h1><xsl:value-of select="($driver/@title, $title[. != ''], 'Edition')[1]"/></h1>
          <xsl:for-each select="$driver/s:subtitle">
            <p class="subtitle"><xsl:value-of select="."/></p>
          </xsl:for-each>
          <section class="accounts" id="texts" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">The texts</h2>
            <ol class="account-list">
              <xsl:copy-of select="$accounts[not(. is $introduction)] ! s:account/node()" copy-namespaces="no"/>
            </ol>
          </section>
          <!-- the introduction has a page of its own, which the search indexes: not a second time here -->
          <div data-pagefind-ignore="all">
            <xsl:copy-of select="$introduction/s:introduction/node()" copy-namespaces="no"/>
          </div>
          <xsl:if test="$driver/s:method/node()">
            <p class="method-link">How the texts are edited: <a href="method.html">the editorial method</a>.</p>
          </xsl:if>
        </div>
      </xsl:with-param>
    </xsl:call-template>
    <!-- The editorial method (the driver's editorialDecl), a page of its own: cited, and linked from every page. -->
    <xsl:call-template name="f:write">
      <xsl:with-param name="href" select="'method.html'"/>
      <xsl:with-param name="page-title" select="'Editorial method'"/>
      <xsl:with-param name="content">
        <div>
          <h1><xsl:value-of select="($driver/@title, $title[. != ''], 'Edition')[1]"/></h1>
          <xsl:copy-of select="$driver/s:method/node()" copy-namespaces="no"/>
          <xsl:if test="not($driver/s:method/node())">
            <p>The edition's header declares no editorial method (no <code>editorialDecl</code>).</p>
          </xsl:if>
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
          <div>
            <xsl:call-template name="f:index">
              <xsl:with-param name="heading" select="map{'persons': 'Index of persons', 'places': 'Index of places',
                'orgs': 'Index of organisations'}($kind)"/>
              <xsl:with-param name="accounts" select="$accounts"/>
              <xsl:with-param name="entries" select="$all ! s:entry[@kind = $kind]"/>
            </xsl:call-template>
            <!-- a volume's own list of persons (divisions.xsl): its index, linking the mentions -->
            <xsl:for-each select="$accounts/s:part[@index = $kind]">
              <p class="own-index"><a href="{@page}"><xsl:value-of select="@title"/></a> (<xsl:value-of
                select="../@title"/>)</p>
            </xsl:for-each>
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
          <!-- a category the texts are classified by (their kind, catRef) is no contested point -->
          <xsl:with-param name="points" select="$all ! s:point[not(@id = $accounts/s:account/@kind-id or
            @scheme = $accounts/s:account/@kind-scheme)]"/>
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
    <xsl:call-template name="f:search-facets">
      <xsl:with-param name="accounts" select="$accounts"/>
      <xsl:with-param name="all" select="$all"/>
    </xsl:call-template>
    <xsl:if test="$f:base-url != ''">
      <xsl:call-template name="f:sitemap"><xsl:with-param name="pages" select="('index.html', $accounts/(@page, s:part/@page),
        'persons.html', 'places.html', 'orgs.html', 'timeline.html', 'compare.html', 'method.html',
        'variants.html'[$variants],
        'search.html')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- search-facets.json, the search filters (assets/search/pagefind.js reads it): for each facet, its values in
       the order readers know them, each with the pages it holds on and, for a person, a place or a contested point,
       the paragraphs or notes (an empty list: the whole page). Written here, not by Pagefind, whose filter files
       differ byte for byte from one run to the next. xml-to-json keeps the order, so two builds are identical. -->
  <xsl:template name="f:search-facets">
    <xsl:param name="accounts" as="element(s:summary)*"/>
    <xsl:param name="all" as="element(s:summary)*"/>
    <!-- each id's mentions and each point's passages, in reading order (grouped once: no search per entry) -->
    <xsl:variable name="mentions" as="map(xs:string, element()*)">
      <xsl:map>
        <xsl:for-each-group select="$accounts ! s:mention" group-by="tokenize(@ids)">
          <xsl:map-entry key="current-grouping-key()" select="current-group()"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="passages" as="map(xs:string, element()*)">
      <xsl:map>
        <xsl:for-each-group select="$accounts ! s:passage" group-by="tokenize(@points)">
          <xsl:map-entry key="current-grouping-key()" select="current-group()"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="facets" as="element(fn:map)*">
      <!-- a text's pages: its own and those of its divisions that are pages of their own (s:part) -->
      <xsl:sequence select="f:facet('Account', $accounts ! f:facet-value(string(@title), (., s:part), false()))"/>
      <xsl:sequence select="f:facet('Kind of text', for $kind in distinct-values($accounts/s:account/@kind[. != ''])
        return f:facet-value($kind, $accounts[s:account/@kind = $kind] ! (., s:part), false()))"/>
      <xsl:for-each select="('persons', 'places')">
        <xsl:variable name="kind" as="xs:string" select="."/>
        <xsl:sequence select="f:facet(map{'persons': 'Person', 'places': 'Place'}($kind),
          for $entry in sort($all/s:entry[@kind = $kind][map:contains($mentions, @id)], (), function($e) {
            string($e/@sort)}) return f:facet-value(string($entry/@name), $mentions(string($entry/@id)), true()))"/>
      </xsl:for-each>
      <xsl:sequence select="f:facet('Contested point', for $point in $all/s:point[map:contains($passages, @id)]
        return f:facet-value(string($point/@name), $passages(string($point/@id)), true()))"/>
    </xsl:variable>
    <xsl:result-document href="search-facets.json" method="text" encoding="UTF-8">
      <xsl:variable name="json" as="element(fn:map)">
        <!-- a facet with no value (no text names a person, say) is left out -->
        <fn:map><fn:array key="facets"><xsl:sequence select="$facets[fn:array/*]"/></fn:array></fn:map>
      </xsl:variable>
      <xsl:value-of select="xml-to-json($json) || '&#10;'"/>
    </xsl:result-document>
  </xsl:template>

  <!-- A facet of the search: its name and values. -->
  <xsl:function name="f:facet" as="element(fn:map)">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="values" as="element(fn:map)*"/>
    <fn:map><fn:string key="name"><xsl:value-of select="$name"/></fn:string>
      <fn:array key="values"><xsl:sequence select="$values"/></fn:array></fn:map>
  </xsl:function>

  <!-- A value of a facet: the pages of its items (texts and their parts, or mentions or passages, in reading order),
       each with the paragraphs or notes the items stand in if $paragraphs, else none (it holds on the whole page). -->
  <xsl:function name="f:facet-value" as="element(fn:map)">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="paragraphs" as="xs:boolean"/>
    <fn:map><fn:string key="value"><xsl:value-of select="$value"/></fn:string>
      <fn:map key="pages">
        <xsl:for-each-group select="$items" group-adjacent="string((@search-page, @page)[1])">
          <fn:array key="{current-grouping-key()}">
            <xsl:for-each select="distinct-values(current-group()[$paragraphs]/@search-anchor[. != ''])">
              <fn:string><xsl:value-of select="."/></fn:string>
            </xsl:for-each>
          </fn:array>
        </xsl:for-each-group>
      </fn:map>
    </fn:map>
  </xsl:function>

  <!-- sitemap.xml (sitemaps.org 0.9): every page at its address under the base URL, dated with the release. -->
  <xsl:template name="f:sitemap">
    <xsl:param name="pages" as="xs:string*"/>
    <xsl:result-document href="sitemap.xml" method="xml" indent="yes">
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <xsl:for-each select="distinct-values($pages)">
          <url><loc><xsl:value-of select="$f:base-url || ."/></loc><xsl:for-each select="$edition?released"><lastmod><xsl:value-of
            select="."/></lastmod></xsl:for-each></url>
        </xsl:for-each>
      </urlset>
    </xsl:result-document>
  </xsl:template>

  <xsl:template name="f:write">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="page-title" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="head" as="node()*" select="()"/>
    <xsl:result-document href="{$href}">
      <xsl:call-template name="f:shell">
        <xsl:with-param name="release" select="$release"/>
        <xsl:with-param name="edition" select="$edition"/>
        <xsl:with-param name="head" select="$head"/>
        <xsl:with-param name="page-class" select="'page page-' || substring-before($href, '.html')"/>
        <xsl:with-param name="page-title" select="$page-title"/>
        <xsl:with-param name="href" select="$href"/>
        <xsl:with-param name="content" select="$content"/>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>
