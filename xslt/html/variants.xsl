<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet: the variants page, in one pass. The variant readings report (xslt/variants/html.xsl, from the
     report's JSON in the parameter "report") is made as a page of its own, without namespace, into a variable; its
     title, its table of contents and its content go into the page shell of the site, so that it has the site's
     header, navigation and footer. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:f="urn:x-edition:function" xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../variants/html.xsl"/>
  <xsl:import href="common.xsl"/>

  <xsl:mode on-no-match="shallow-skip" on-multiple-match="fail"/>
  <xsl:mode name="xhtml" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="page" as="document-node()">
      <xsl:document><xsl:call-template name="f:variants-page"/></xsl:document>
    </xsl:variable>
    <xsl:apply-templates select="$page"/>
  </xsl:template>

  <xsl:template match="/html">
    <xsl:call-template name="f:shell">
      <xsl:with-param name="page-title" select="normalize-space(head/title)"/>
      <xsl:with-param name="href" select="'variants.html'"/>
      <xsl:with-param name="page-class" select="'page page-variants'"/>
      <!-- no TEI header here: the edition's record from the build's parameters -->
      <xsl:with-param name="edition" select="f:edition-record(())"/>
      <xsl:with-param name="lang" select="string((@lang, 'en')[1])"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="body/main/h1" mode="xhtml"/>
        <xsl:apply-templates select="body/header/nav" mode="xhtml"/>
        <xsl:apply-templates select="body/main/(node() except h1)" mode="xhtml"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A table of the report scrolls in a region of its own on a narrow screen (focusable, named by its caption),
       unless the report already gives it one (a second region of the same name is a duplicate landmark). -->
  <xsl:template match="table[not(parent::div[@role = 'region'])]" mode="xhtml">
    <div class="table-scroll" role="region" tabindex="0"
      aria-label="{(normalize-space(caption)[. != ''], 'Table')[1]}">
      <xsl:next-match/>
    </div>
  </xsl:template>

  <!-- The report's elements, in the namespace of the site's pages. -->
  <xsl:template match="*" mode="xhtml">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:apply-templates select="@* | node()" mode="xhtml"/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
