<?xml version="1.0" encoding="UTF-8"?>
<!-- The index of persons: every person mentioned, with the page of each mention (one per block). -->
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

  <!-- The persons the index lists: those of the authority files that the accounts mention. -->
  <xsl:variable name="indexed-persons" as="element()*"
    select="$all-documents//listPerson//person[@xml:id][exists(f:mentions(.))]"/>

  <xsl:template name="f:index-of-persons">
    <section class="index" id="index-persons" data-running="Index of persons">
      <h2 class="index-title">Index of persons</h2>
      <ul class="index-entries">
        <xsl:for-each select="$indexed-persons">
          <xsl:sort select="f:sort-key(.)" lang="en"/>
          <xsl:text>&#10;</xsl:text>
          <li class="index-entry" id="index-{@xml:id}">
            <span class="index-name"><xsl:value-of select="f:index-name(.)"/></span>
            <xsl:for-each select="f:life(.)">
              <span class="index-life"> (<xsl:value-of select="."/>)</span>
            </xsl:for-each>
            <xsl:for-each select="(occupation, roleName, persName/roleName)[1]">
              <!-- The role up to its first semicolon or colon, without a leading aside in parentheses. -->
              <!-- Citations of the passages behind the role (ref) are for the website: a parenthesis holding one is
                   left out here, as is anything after the first semicolon or colon. -->
              <xsl:variable name="marked" as="xs:string" select="normalize-space(string-join(
                descendant::node()[self::ref or self::text()[not(ancestor::ref)]] ! (if (self::ref) then '§' else .)))"/>
              <span class="index-role">, <xsl:value-of select="replace(replace(replace($marked, '\s*\([^()]*§[^()]*\)', ''),
                '^\([^)]*\)\s*', ''), '\s*[;:].*$', '') => replace('§', '')"/></span>
            </xsl:for-each>
            <!-- An identification that is ours is flagged here as everywhere the entry is shown. -->
            <xsl:for-each select="note[@type = 'identification']">
              <span class="index-flag">, identification ours (certainty: <xsl:value-of select="(@cert, 'unknown')[1]"
                />)</span>
            </xsl:for-each>
            <xsl:text> </xsl:text>
            <span class="index-pages">
              <xsl:for-each-group select="f:mentions(.)" group-by="f:page-key(.)">
                <a class="page-ref" href="#{f:mention-id(.)}"/>
              </xsl:for-each-group>
            </span>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- A person's mentions in the accounts, in reading order. -->
  <xsl:function name="f:mentions" as="element()*">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="$accounts ! key('mentions', string($person/@xml:id), .)"/>
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
