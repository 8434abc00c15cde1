<?xml version="1.0" encoding="UTF-8"?>
<!-- MathML in a TEI text, as HTML: copied through in mode "text" (declared in text.xsl, which includes this). -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:mml="http://www.w3.org/1998/Math/MathML"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <!-- MathML (a formula's, in the MathML namespace) is copied through: browsers render it. Its elements are made
       in their namespace without a prefix (an HTML parser knows no prefixes); mfenced, which MathML Core (and so
       Chromium and Firefox) dropped, becomes what MathML 3 defines it as: an mrow with its fences and separators,
       except that the default separators (",") are not put around an operator: an mfenced that holds one (the TEI
       Stylesheets' LaTeX converter fences "m_e / m_x" so) fences an expression, not a list of arguments. -->
  <xsl:template match="tei:formula[mml:math or @notation = 'MathML']" mode="text">
    <span class="{string-join(('formula', tokenize(@rend)), ' ')}">
      <xsl:apply-templates select="@xml:id" mode="id"/>
      <xsl:apply-templates mode="text"/>
    </span>
  </xsl:template>
  <xsl:template match="mml:*" mode="text">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1998/Math/MathML">
      <xsl:copy-of select="@*[namespace-uri() = '']"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="mml:mfenced" mode="text">
    <xsl:variable name="separators" as="xs:string*" select="string-to-codepoints(replace(string((@separators,
      ','[empty(current()/mml:mo)])[1]), '\s', '')) ! codepoints-to-string(.)"/>
    <mrow xmlns="http://www.w3.org/1998/Math/MathML">
      <xsl:if test="string((@open, '(')[1]) != ''"><mo fence="true" form="prefix"><xsl:value-of
        select="(@open, '(')[1]"/></mo></xsl:if>
      <xsl:for-each select="*">
        <xsl:variable name="at" as="xs:integer" select="position()"/>
        <xsl:if test="$at gt 1 and exists($separators)"><mo separator="true"><xsl:value-of
          select="$separators[min(($at - 1, count($separators)))]"/></mo></xsl:if>
        <xsl:apply-templates select="." mode="text"/>
      </xsl:for-each>
      <xsl:if test="string((@close, ')')[1]) != ''"><mo fence="true" form="postfix"><xsl:value-of
        select="(@close, ')')[1]"/></mo></xsl:if>
    </mrow>
  </xsl:template>

</xsl:stylesheet>
