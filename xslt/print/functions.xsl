<?xml version="1.0" encoding="UTF-8"?>
<!-- Lookups of the print output alone (pointers, names, sigla and document ids are xslt/common's). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:function"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Who a @resp names: each authority's name (xslt/common's f:responsible), or the id itself (hyphens as spaces)
       when the pointer reaches nothing. -->
  <xsl:function name="f:responsible-names" as="xs:string*">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:for-each select="tokenize($pointers)">
      <xsl:variable name="target" as="element()?" select="f:target(., $context)"/>
      <xsl:sequence select="if ($target) then f:responsible($target) else replace(replace(., '^.*#', ''), '-', ' ')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The anchor id of a mention, stable across runs: the nearest identified ancestor's id (else the document's) and
       the mention's ordinal within it; counted within that block, so that long documents stay linear. -->
  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="block" as="element()?" select="$mention/ancestor::*[@xml:id][1]"/>
    <xsl:variable name="scope" as="node()" select="($block, root($mention))[1]"/>
    <xsl:sequence select="($block/@xml:id, f:document-id($mention))[1] || '-m'
      || index-of($scope//*[@ref] ! generate-id(), generate-id($mention))"/>
  </xsl:function>

  <!-- Shorten a long lemma for the apparatus: "first two … last". -->
  <xsl:function name="f:short-lemma" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize(normalize-space($text))"/>
    <xsl:sequence select="if (count($words) le 4) then normalize-space($text)
      else string-join(($words[1], $words[2], '…', $words[last()]), ' ')"/>
  </xsl:function>
</xsl:stylesheet>
