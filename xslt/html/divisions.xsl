<?xml version="1.0" encoding="UTF-8"?>
<!-- Divisions that are pages of their own (a FRUS volume's documents): which divisions, the page each node is on,
     a division's title and date, its footnotes' numbers, the contents table that stands where the divisions were,
     and a volume's own lists of persons and terms as index pages linking their mentions. The project names the
     division types (edition.toml's site.page-divisions, docs/project.md); with none, nothing here changes a page. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns:frus="http://history.state.gov/frus/ns/1.0"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <!-- The div/@type values whose divisions are pages: the build passes site.page-divisions, a sequence. -->
  <xsl:param name="page-divisions" as="xs:string*" select="()"/>
  <xsl:variable name="f:page-division-types" as="xs:string*" select="$page-divisions"/>

  <!-- Mentions of a volume's own index entries (persName/@corresp, gloss/@target), by the id they point to. -->
  <xsl:key name="f:index-mentions" match="tei:persName[@corresp] | tei:gloss[@target]"
    use="tokenize(string-join((@corresp, @target), ' '))[starts-with(., '#')] ! substring(., 2)"/>

  <!-- True for a division of the configured types (a document of the volume). -->
  <xsl:function name="f:is-document-division" as="xs:boolean" visibility="public">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/self::tei:div[tokenize(@type) = $f:page-division-types])"/>
  </xsl:function>

  <!-- The divisions of the configured types, by document (whether a text has any). -->
  <xsl:key name="f:document-divisions" match="tei:div[f:is-document-division(.)]" use="'all'"/>

  <!-- True for a volume's own index (a division whose list items define persName or term ids: FRUS's persons and
       terms in the front matter), in a text whose documents are pages. -->
  <xsl:function name="f:is-index-division" as="xs:boolean" visibility="public">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/self::tei:div[@xml:id][tei:list/tei:item//(tei:persName | tei:term)[@xml:id]])
      and exists(key('f:document-divisions', 'all', root($element)))"/>
  </xsl:function>

  <!-- True for a division that is a page of its own: a document, or a volume's own index. -->
  <xsl:function name="f:is-page-division" as="xs:boolean" visibility="public">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="f:is-document-division($element) or f:is-index-division($element)"/>
  </xsl:function>

  <!-- The innermost division that is a page and holds the node, if any; for a page break just before such a
       division (the page it begins on), that division. -->
  <xsl:function name="f:page-division" as="element()?" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if (empty($f:page-division-types)) then ()
      else ($node/ancestor-or-self::tei:div[f:is-page-division(.)][1], f:opened-division($node))[1]"/>
  </xsl:function>

  <!-- The division that is a page and that a page break (or breaks) opens: the next sibling but page breaks. -->
  <xsl:function name="f:opened-division" as="element()?" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/self::tei:pb/(following-sibling::* except following-sibling::tei:pb)[1]
      [f:is-page-division(.)]"/>
  </xsl:function>

  <!-- The page of the website that shows a node: its division's page when that division is a page of its own
       ("volume-d12.html"), else its document's (this overrides the function of ../common/functions.xsl by import
       precedence, so that every link, citation and note reaches the page the node is on). -->
  <xsl:function name="f:page" as="xs:string" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="stem" as="xs:string" select="replace(tokenize(base-uri(root($node)), '/')[last()],
      '\.xml$', '')"/>
    <xsl:variable name="division" as="element()?" select="f:page-division($node)"/>
    <xsl:sequence select="$stem || (if (empty($division)) then '' else '-' || ($division/@xml:id,
      $division/@type || '-' || (count($division/preceding::tei:div[@type = $division/@type]) + 1))[1]) || '.html'"/>
  </xsl:function>

  <!-- A division's title as one line of text: its heading without its notes, a line break a space; else its number. -->
  <xsl:function name="f:division-title" as="xs:string" visibility="public">
    <xsl:param name="division" as="element()"/>
    <xsl:variable name="head" as="element()?" select="$division/tei:head[1]"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space(string-join($head//(text()[not(ancestor::tei:note)]
      | tei:lb) ! (if (. instance of element()) then ' ' else string(.))))"/>
    <xsl:sequence select="($words[. != ''], $division/@n ! ('No. ' || .), string($division/@type))[1]"/>
  </xsl:function>

  <!-- A division's date, as ISO dates: FRUS's frus:doc-dateTime-min/max (one, or two for a span), else the @when of
       the date in its own dateline (not an enclosure's); none when the division gives none. -->
  <xsl:function name="f:division-dates" as="xs:string*" visibility="public">
    <xsl:param name="division" as="element()"/>
    <xsl:variable name="span" as="xs:string*" select="($division/@frus:doc-dateTime-min,
      $division/@frus:doc-dateTime-max) ! substring(., 1, 10)"/>
    <xsl:variable name="dateline" as="xs:string?" select="(($division/tei:opener/tei:dateline, $division/tei:dateline,
      $division/tei:closer/tei:dateline)//tei:date/@when)[1] ! string(.)"/>
    <xsl:sequence select="if (exists($span)) then distinct-values($span) else $dateline"/>
  </xsl:function>

  <!-- The date of a division as the page shows it: a time element (a day or a span of days), or nothing. -->
  <xsl:template name="f:division-date">
    <xsl:param name="division" as="element()"/>
    <xsl:variable name="dates" as="xs:string*" select="f:division-dates($division)"/>
    <xsl:if test="exists($dates)">
      <time class="division-date" datetime="{string-join($dates, '/')}"><xsl:value-of
        select="string-join($dates ! f:date-label(.), ' – ')"/></time>
    </xsl:if>
  </xsl:template>

  <!-- A footnote's number on its page: apparatus.xsl's count (footnotes before it in its document, f:is-footnote),
       within the division that is its page (this overrides apparatus.xsl's function by import precedence: a change
       of what counts as a footnote there is a change here too). -->
  <xsl:function name="f:note-number" as="xs:integer" visibility="public">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="division" as="element()?" select="f:page-division($note)"/>
    <xsl:variable name="before" as="element()*" select="$note/preceding::tei:note[ancestor::tei:text]
      [not(ancestor::tei:note)][root(.) is root($note)][f:is-footnote(.)]"/>
    <xsl:sequence select="1 + count(if (empty($f:page-division-types)) then $before
      else if (exists($division)) then $before[. >> $division][f:page-division(.) is $division]
      else $before[empty(f:page-division(.))])"/>
  </xsl:function>

  <!-- Where divisions that are pages stood in their text: a table of contents of a run of them, with their dates. -->
  <xsl:template match="tei:div[f:is-page-division(.)]" mode="text" priority="5">
    <xsl:variable name="previous" as="element()?" select="(preceding-sibling::* except preceding-sibling::tei:pb)[last()]"/>
    <xsl:if test="empty($previous) or not(f:is-page-division($previous))">
      <xsl:variable name="stop" as="element()?" select="following-sibling::*[not(f:is-page-division(.)
        or exists(f:opened-division(.)))][1]"/>
      <table class="division-contents">
        <thead><tr><th scope="col">Document</th><th scope="col">Date</th></tr></thead>
        <tbody>
          <xsl:for-each select="(., following-sibling::tei:div[empty($stop) or . &lt;&lt; $stop])">
            <tr>
              <td class="division-link"><a href="{f:page(.)}"><xsl:value-of select="f:division-title(.)"/></a></td>
              <td><xsl:call-template name="f:division-date"><xsl:with-param name="division" select="."/>
                </xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- A heading inside a division that is a page: its level counted from that page's h1 (text.xsl counts from the
       text, where the division is itself a level or two down). -->
  <xsl:template match="tei:head[not(parent::tei:list or parent::tei:table)][exists(f:page-division(.))]" mode="text"
    priority="5">
    <xsl:variable name="division" as="element()" select="f:page-division(.)"/>
    <xsl:element name="h{min((6, 2 + count(ancestor::*[self::tei:div or starts-with(local-name(), 'div')]
      [. >> $division])))}">
      <xsl:apply-templates select="@xml:id" mode="id"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- A page break that opens a division that is a page is shown on that page (where it is the page the division
       begins on), not in the contents. -->
  <xsl:template match="tei:pb[exists(f:opened-division(.))]" mode="text" priority="5">
    <xsl:param name="opening" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="$opening"><xsl:next-match/></xsl:if>
  </xsl:template>

  <!-- A mention of a volume's own index entry links to the entry on the index page. -->
  <xsl:template match="tei:persName[@corresp] | tei:gloss[@target]" mode="text" priority="5">
    <xsl:variable name="entry" as="element()?" select="(tokenize(string-join((@corresp, @target), ' '))[1]
      ! f:target(., current()))[1]"/>
    <xsl:choose>
      <xsl:when test="exists($entry[f:page-division(.) ! f:is-index-division(.)]) and not(f:in-link(.))">
        <a class="name {local-name($entry)}" href="{f:page($entry)}#{$entry/@xml:id}" title="{normalize-space(
          $entry)}"><xsl:apply-templates mode="text"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An entry of a volume's index: the entry, then the pages that mention it. -->
  <xsl:template match="tei:item[f:index-entry(.)]" mode="text" priority="5">
    <xsl:variable name="entry" as="element()" select="f:index-entry(.)"/>
    <li id="{$entry/@xml:id}" class="index-entry">
      <xsl:apply-templates mode="text"/>
      <xsl:variable name="pages" as="element()*" select="key('f:index-mentions', string($entry/@xml:id),
        root(.)) ! f:page-division(.)[f:is-document-division(.)]"/>
      <xsl:if test="exists($pages)">
        <span class="index-mentions"><xsl:text> — </xsl:text>
          <xsl:for-each select="$pages/.">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a href="{f:page(.)}" title="{f:division-title(.)}"><xsl:value-of select="(@n, f:division-title(.))[1]"/></a>
          </xsl:for-each>
        </span>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- The entry an item of a volume's index defines (its persName or term with an xml:id), if it is one. -->
  <xsl:function name="f:index-entry" as="element()?" visibility="public">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="if (empty($f:page-division-types) or not($item/parent::tei:list/parent::tei:div
      ! f:is-index-division(.))) then () else ($item//(tei:persName | tei:term)[@xml:id])[1]"/>
  </xsl:function>

  <!-- The footnotes of a text's page when the others are on the pages of its divisions (as apparatus.xsl's f:notes,
       which lists every footnote of the text). -->
  <xsl:template name="f:page-notes">
    <xsl:param name="notes" as="element()*"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        <ol><xsl:apply-templates select="$notes" mode="notes"/></ol>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
