<?xml version="1.0" encoding="UTF-8"?>
<!-- The indexes of persons, places and organisations: every entry of the authority files that the accounts mention,
     with the page of each mention (one per block, or one per page when the pages of a first rendering are known). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:function"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Mentions the print shows: in the text, not in readings or corrections printed only in the apparatus. -->
  <xsl:key name="mentions"
    match="text//*[@ref][not(ancestor::rdg | ancestor::corr | ancestor::reg | ancestor::expan | ancestor::desc
      | ancestor::witDetail | ancestor::interpGrp)]"
    use="f:ids(@ref)"/>

  <!-- The indexes, in the order they are printed: id, title, and the entries of the authority files mentioned. -->
  <xsl:variable name="indexes" as="map(xs:string, item()*)*" select="
    map{'id': 'index-persons', 'title': 'Index of persons',
      'entries': $all-documents//listPerson//person[@xml:id][exists(f:mentions(.))]},
    map{'id': 'index-places', 'title': 'Index of places',
      'entries': $all-documents//listPlace//place[@xml:id][exists(f:mentions(.))]},
    map{'id': 'index-organisations', 'title': 'Index of organisations',
      'entries': $all-documents//listOrg//org[@xml:id][exists(f:mentions(.))]}"/>
  <xsl:variable name="printed-indexes" as="map(xs:string, item()*)*" select="$indexes[exists(?entries)]"/>

  <xsl:template name="f:indexes">
    <xsl:for-each select="$printed-indexes">
      <xsl:text>&#10;</xsl:text>
      <section class="index" id="{?id}" data-running="{?title}" aria-labelledby="{?id}-title">
        <h2 class="index-title" id="{?id}-title"><xsl:value-of select="?title"/></h2>
        <ul class="index-entries">
          <xsl:for-each select="?entries">
            <!-- a leading article is not sorted on: "the West" under W -->
            <xsl:sort select="replace(f:sort-key(.), '^(the|an?) ', '')" lang="en"/>
            <xsl:text>&#10;</xsl:text>
            <xsl:apply-templates select="." mode="index-entry"/>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:mode name="index-entry" on-no-match="fail" on-multiple-match="fail"/>

  <!-- An entry: the name; in parentheses what identifies it (life dates, the role, an identification that is ours,
       separated by semicolons, as Chicago's indexes gloss a name); then, after a comma, the pages. The parentheses
       keep a gloss that ends with a year apart from the page numbers. -->
  <xsl:template match="person | place | org" mode="index-entry">
    <xsl:variable name="gloss" as="item()*">
      <xsl:for-each select="self::person ! f:life(.)">
        <span class="index-life"><xsl:value-of select="."/></span>
      </xsl:for-each>
      <xsl:for-each select="self::person/(occupation, roleName, persName/roleName)[1]">
        <span class="index-role"><xsl:sequence select="f:index-role(.)"/></span>
      </xsl:for-each>
      <!-- An identification that is ours is flagged here as everywhere the entry is shown. -->
      <xsl:for-each select="note[@type = 'identification']">
        <span class="index-flag">identification ours, certainty <xsl:value-of select="(@cert, 'unknown')[1]"/></span>
      </xsl:for-each>
    </xsl:variable>
    <li class="index-entry" id="index-{@xml:id}">
      <span class="index-name">
        <xsl:value-of select="if (self::person) then f:index-name(.) else f:name(.)"/>
      </span>
      <xsl:if test="exists($gloss)">
        <xsl:text> (</xsl:text>
        <xsl:for-each select="$gloss">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:sequence select="."/>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:text>, </xsl:text>
      <span class="index-pages">
        <xsl:for-each-group select="f:mentions(.)" group-by="f:page-key(.)">
          <a class="page-ref" href="#{f:mention-id(.)}"/>
        </xsl:for-each-group>
      </span>
    </li>
  </xsl:template>

  <!-- A person's role, up to its first semicolon or colon, without a leading aside in parentheses and without the
       parentheses that cite the passages behind it (those citations are for the website); titles in italics.
       Titles are marked with private-use characters while the role is cut as a string, then made elements. -->
  <xsl:function name="f:index-role" as="node()*">
    <xsl:param name="role" as="element()"/>
    <xsl:variable name="marked" as="xs:string" select="normalize-space(string-join(
      $role/descendant::node()[self::ref or self::text()[not(ancestor::ref)]]
      ! (if (self::ref) then '§' else if (ancestor::title[@level = ('m', 'j', 's')]) then '&#xE000;' || . || '&#xE001;'
         else string(.))))"/>
    <!-- Cut as the role is cut everywhere; parentheses left inside the gloss, which is itself in parentheses, become
         brackets. -->
    <xsl:variable name="cut" as="xs:string" select="replace(replace(replace($marked, '\s*\([^()]*§[^()]*\)', ''),
      '^\([^)]*\)\s*', ''), '\s*[;:].*$', '') => replace('§', '') => replace('\(([^()]*)\)', '[$1]')"/>
    <xsl:analyze-string select="$cut" regex="&#xE000;([^&#xE001;]*)&#xE001;?">
      <xsl:matching-substring><i><xsl:value-of select="regex-group(1)"/></i></xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="replace(., '&#xE001;', '')"/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:function>

  <!-- A person's mentions in the accounts, in reading order. -->
  <xsl:function name="f:mentions" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$accounts ! key('mentions', string($entry/@xml:id), .)"/>
  </xsl:function>

  <!-- Mentions on one page share a page reference: the page is known when the build passes the pages of a first
       rendering; without it, mentions in one block (or one note) share one. -->
  <xsl:function name="f:page-key" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="page" as="xs:integer?" select="$anchor-pages(f:mention-id($mention))"/>
    <xsl:sequence select="if (exists($page)) then 'page ' || $page else f:block-id($mention)"/>
  </xsl:function>

  <!-- Mentions in one block (or one note) share a page reference. -->
  <xsl:function name="f:block-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="block" as="element()" select="($mention/ancestor::note[1], $mention/ancestor::*[@xml:id][1],
      root($mention)/*)[1]"/>
    <xsl:sequence select="f:document-id($mention) || '/' || ($block/@xml:id, path($block))[1]"/>
  </xsl:function>
</xsl:stylesheet>
