<?xml version="1.0" encoding="UTF-8"?>
<!-- The two series of foot notes: the textual apparatus (letters) and the editorial notes (numbers). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:function"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- An apparatus entry: the lemma stays in the text, the readings go to a letter-keyed foot note. A lemma that is a
       lone punctuation mark is printed with the word before it, and so is each reading (f:lemma-context). -->
  <xsl:template match="app">
    <xsl:variable name="context" as="xs:string+" select="f:lemma-context(., f:plain(lem))"/>
    <xsl:apply-templates select="lem"/>
    <span class="{f:call-class(.)}">
      <xsl:call-template name="f:lemma">
        <xsl:with-param name="text" select="$context[1] || f:plain(lem) || $context[2]"/>
      </xsl:call-template>
      <xsl:for-each select="rdg | rdgGrp/rdg">
        <xsl:if test="position() gt 1">; </xsl:if>
        <span class="reading">
          <xsl:call-template name="f:reading">
            <xsl:with-param name="context" select="$context"/>
            <xsl:with-param name="text" select="f:plain(.)"/>
            <xsl:with-param name="empty" select="'om.'"/>
          </xsl:call-template>
        </span>
        <xsl:text> </xsl:text>
        <span class="wit"><xsl:value-of select="tokenize(@wit) ! f:cited-siglum(., current())" separator=" "/></span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- A correction: the text keeps the source's reading (sic); our correction and its explanation go to the apparatus.
       White space that ends the source's reading is printed after the call, so that the call stays on the word it
       follows ("said,'ᵉ the", not "said,' ᵉthe"). -->
  <xsl:template match="choice[sic]">
    <xsl:variable name="context" as="xs:string+" select="f:lemma-context(., f:plain(sic))"/>
    <xsl:variable name="trailing" as="xs:boolean" select="matches(f:plain(sic), '\S\s+$') and empty(sic/*)"/>
    <xsl:choose>
      <xsl:when test="$trailing"><xsl:value-of select="replace(sic, '\s+$', '')"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="sic"/></xsl:otherwise>
    </xsl:choose>
    <span class="{f:call-class(.)}">
      <xsl:call-template name="f:lemma">
        <xsl:with-param name="text" select="$context[1] || f:plain(sic) || $context[2]"/>
      </xsl:call-template>
      <span class="reading">
        <xsl:call-template name="f:reading">
          <xsl:with-param name="context" select="$context"/>
          <xsl:with-param name="text" select="f:plain(corr[1])"/>
          <xsl:with-param name="empty" select="'del.'"/>
        </xsl:call-template>
      </span>
      <xsl:text> </xsl:text>
      <span class="wit">ed.</span>
      <xsl:for-each select="f:correction-note(.)">
        <xsl:text> — </xsl:text>
        <xsl:apply-templates/>
      </xsl:for-each>
    </span>
    <xsl:if test="$trailing"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- A reading: its words within the lemma's context (alone, when it omits a punctuation mark), or "om."/"del.". -->
  <xsl:template name="f:reading">
    <xsl:param name="context" as="xs:string+"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="empty" as="xs:string"/>
    <xsl:variable name="reading" as="xs:string" select="normalize-space($context[1] || $text || $context[2])"/>
    <xsl:choose>
      <xsl:when test="$reading eq ''"><i><xsl:value-of select="$empty"/></i></xsl:when>
      <xsl:otherwise><xsl:value-of select="$reading"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Other choices print the form the source has. -->
  <xsl:template match="choice">
    <xsl:apply-templates select="(orig, abbr, sic, *)[1]"/>
  </xsl:template>

  <xsl:template match="sic[not(parent::choice)]">
    <xsl:apply-templates/>
    <span class="{f:call-class(.)}">
      <xsl:call-template name="f:lemma">
        <xsl:with-param name="text" select="f:plain(.)"/>
      </xsl:call-template>
      <i>sic</i>
    </span>
  </xsl:template>

  <!-- The lemma and its bracket; where the text has nothing (an addition in the reading), "add." instead. -->
  <xsl:template name="f:lemma">
    <xsl:param name="text" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="normalize-space($text) eq ''"><i>add.</i><xsl:text> </xsl:text></xsl:when>
      <xsl:otherwise>
        <span class="lemma"><xsl:value-of select="f:short-lemma($text)"/></span>
        <xsl:text>] </xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Editorial notes: number-keyed foot notes where they stand. -->
  <xsl:template match="note">
    <xsl:call-template name="f:editorial-note">
      <xsl:with-param name="content" as="node()*">
        <xsl:apply-templates/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A correction note explained by the apparatus entry of its correction is printed there, not twice. -->
  <xsl:template match="note[@type = 'correction'][f:corrected-by(.)]"/>

  <!-- A note inside a note cannot be a foot note of its own: it runs on in parentheses. -->
  <xsl:template match="note[ancestor::note]" priority="2">
    <xsl:text> (</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="gi">
    <code>&lt;<xsl:value-of select="."/>&gt;</code>
  </xsl:template>

  <xsl:template match="att">
    <code>@<xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="val">
    <code>"<xsl:value-of select="."/>"</code>
  </xsl:template>

  <xsl:template match="ref | ptr">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="ref[empty(*)][normalize-space(.) = $book-titles]" priority="1">
    <i><xsl:apply-templates/></i>
  </xsl:template>

  <xsl:template name="f:editorial-note">
    <xsl:param name="content" as="node()*"/>
    <span class="{f:call-class(.)}"><xsl:sequence select="$content"/></span>
  </xsl:template>

  <!-- The class of a foot note: its series, and "next-call" when its call follows another call directly. -->
  <xsl:function name="f:call-class" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <!-- A gap's note follows the ellipsis printed for it, never another call. -->
    <xsl:sequence select="if ($element/self::gap) then 'note' else string-join((
      if ($element/self::note) then 'note' else 'app-note',
      'next-call'[f:ends-with-call(f:printed-nodes($element/preceding-sibling::node())[last()])]), ' ')"/>
  </xsl:function>

  <!-- Whether the printed output of a node ends with a foot-note call. -->
  <xsl:function name="f:ends-with-call" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="if (empty($node) or $node instance of text()) then false()
      else if ($node[self::app or self::choice[sic] or self::sic or self::note or self::gap[desc]]) then true()
      else if ($node[self::choice]) then f:ends-with-call(($node/(orig, abbr, sic, *))[1])
      else f:ends-with-call(f:printed-nodes($node/node())[last()])"/>
  </xsl:function>

  <!-- Nodes that print something: correction notes printed in the apparatus instead are left out. -->
  <xsl:function name="f:printed-nodes" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="$nodes[not(self::note[@type = 'correction'][f:corrected-by(.)])]
      [not(self::comment() or self::processing-instruction())]"/>
  </xsl:function>

  <!-- The correction note that explains a choice: the next correction note in the same block, if no other
       correction stands between them. -->
  <xsl:function name="f:correction-note" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:variable name="note" as="element()?" select="$choice/following::note[@type = 'correction'][1]"/>
    <xsl:sequence select="$note[f:corrected-by(.) is $choice]"/>
  </xsl:function>

  <xsl:function name="f:corrected-by" as="element()?">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="choice" as="element()?" select="$note/preceding::choice[sic][1]"/>
    <xsl:sequence select="$choice[f:block(.) is f:block($note)]"/>
  </xsl:function>

  <xsl:function name="f:block" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor::*[self::p or self::ab or self::head or self::l or self::item][1]"/>
  </xsl:function>

  <!-- The words of an element as the text prints them (the source's forms, no notes, no other readings). -->
  <xsl:function name="f:plain" as="xs:string">
    <xsl:param name="element" as="element()?"/>
    <xsl:variable name="words" as="xs:string*">
      <xsl:apply-templates select="$element/node()" mode="plain"/>
    </xsl:variable>
    <xsl:sequence select="string-join($words, '')"/>
  </xsl:function>

  <xsl:mode name="plain" on-no-match="text-only-copy"/>
  <xsl:template match="note | rdg | corr | reg | expan | desc | witDetail | interp | interpGrp" mode="plain"/>
  <xsl:template match="gap" mode="plain">…</xsl:template>
  <xsl:template match="supplied" mode="plain">[<xsl:apply-templates mode="plain"/>]</xsl:template>

</xsl:stylesheet>
