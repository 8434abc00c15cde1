<?xml version="1.0" encoding="UTF-8"?>
<!-- The critical apparatus (markers opening the readings with their sigla), editorial notes, citation lines. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:mode name="reading" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="notes" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The letter of the nth apparatus entry: a..z, then aa, ab... -->
  <xsl:function name="f:letter" as="xs:string" visibility="public">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n le 26) then codepoints-to-string(96 + $n)
      else f:letter(($n - 1) idiv 26) || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

  <!-- An apparatus entry: the lemma in the text, a lettered marker that opens the readings. -->
  <xsl:template match="tei:app" mode="text">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="n" as="xs:integer">
      <xsl:number level="any" count="tei:app" from="tei:TEI"/>
    </xsl:variable>
    <xsl:variable name="id" as="xs:string" select="f:document-id(.) || '-app' || $n"/>
    <span class="lem"><xsl:apply-templates select="tei:lem/node()" mode="text"/></span>
    <xsl:if test="not($excerpt)">
      <button type="button" class="app-marker" popovertarget="{$id}" aria-controls="{$id}"
        title="Apparatus entry {f:letter($n)}: other readings">
        <span class="visually-hidden">apparatus entry </span><xsl:value-of select="f:letter($n)"/></button>
      <span class="app-entry" id="{$id}" popover="auto" role="note">
        <span class="app-letter"><xsl:value-of select="f:letter($n)"/></span>
        <xsl:text> </xsl:text>
        <xsl:apply-templates select="tei:lem" mode="reading"/>
        <xsl:apply-templates select="tei:rdg | tei:rdgGrp/tei:rdg" mode="reading"/>
        <xsl:if test="@type"><span class="app-type"> (<xsl:value-of select="@type"/>)</span></xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lem | tei:rdg" mode="reading">
    <span class="reading {local-name()}">
      <xsl:if test="self::tei:rdg">; </xsl:if>
      <span class="reading-text">
        <xsl:choose>
          <xsl:when test="normalize-space(.) = ''"><em>om.</em></xsl:when>
          <xsl:otherwise><xsl:apply-templates mode="text">
            <xsl:with-param name="excerpt" select="true()" tunnel="yes"/></xsl:apply-templates></xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:if test="self::tei:lem">]</xsl:if>
      <xsl:variable name="here" as="element()" select="."/>
      <xsl:for-each select="tokenize(@wit)">
        <xsl:text> </xsl:text>
        <abbr class="siglum" title="{normalize-space(f:target(., $here))}">
          <xsl:value-of select="f:siglum(., $here)"/></abbr>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- Editorial notes: a numbered marker in the text; the note itself in the list at the end of the page. -->
  <xsl:template match="tei:note" mode="text">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($excerpt)">
      <xsl:variable name="n" as="xs:integer" select="f:note-number(.)"/>
      <a class="note-ref" id="{f:document-id(.)}-noteref{$n}" href="#{f:note-id(.)}" role="doc-noteref"
        title="Note {$n}: {substring(normalize-space(.), 1, 120)}">
        <span class="visually-hidden">note </span><xsl:value-of select="$n"/></a>
    </xsl:if>
  </xsl:template>

  <!-- A note's id in the page: its own xml:id (mentions in it link there), else numbered in its document. -->
  <xsl:function name="f:note-id" as="xs:string" visibility="public">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(($note/@xml:id, f:document-id($note) || '-note' || f:note-number($note))[1])"/>
  </xsl:function>

  <xsl:function name="f:note-number" as="xs:integer" visibility="public">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="count($note/preceding::tei:note[ancestor::tei:text][not(ancestor::tei:note)]
      [root(.) is root($note)]) + 1"/>
  </xsl:function>

  <xsl:template match="tei:note" mode="notes">
    <xsl:variable name="n" as="xs:integer" select="f:note-number(.)"/>
    <li id="{f:note-id(.)}" class="{string-join(('note', @type), ' ')}" value="{$n}">
      <xsl:if test="@type"><span class="note-type"><xsl:value-of select="@type"/>: </span></xsl:if>
      <xsl:apply-templates mode="text"/>
      <xsl:text> </xsl:text>
      <a class="note-back" href="#{f:document-id(.)}-noteref{$n}" role="doc-backlink"
        title="Back to the text">↩<span class="visually-hidden"> back to note <xsl:value-of
        select="$n"/> in the text</span></a>
    </li>
  </xsl:template>

  <xsl:template name="f:notes">
    <xsl:param name="text" as="element()*"/>
    <xsl:variable name="notes" as="element()*" select="$text//tei:note[not(ancestor::tei:note)]"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        <ol><xsl:apply-templates select="$notes" mode="notes"/></ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- "How to cite this paragraph": a popup under the paragraph number. -->
  <xsl:template name="f:cite-paragraph">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="n" as="xs:string"/>
    <xsl:variable name="doc" as="element()" select="root(.)/*"/>
    <xsl:variable name="authors" as="xs:string*"
      select="$doc/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author ! normalize-space(string-join(
              (tei:persName, tei:name, tei:orgName, .)[1]//text()))"/>
    <button type="button" class="cite-button" popovertarget="cite-{$id}" aria-controls="cite-{$id}"
      title="How to cite paragraph {$n}">cite<span class="visually-hidden"> paragraph <xsl:value-of
      select="$n"/></span></button>
    <span class="cite-entry" id="cite-{$id}" popover="auto" role="note">
      <span class="cite-label">How to cite this paragraph: </span>
      <span class="cite-text">
        <xsl:value-of select="string-join($authors, ' and ') ! (. || ', ')"/>“<xsl:value-of
        select="f:title($doc)"/>”, ¶ <xsl:value-of select="$n"/><xsl:value-of select="($title[. != ''] !
        (', in ' || .))"/>, <xsl:value-of select="$base-url || f:page(.) || '#' || $id"/>.</span>
    </span>
  </xsl:template>
</xsl:stylesheet>
