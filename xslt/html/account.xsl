<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet: the page of one TEI document (an account) of the website. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="text.xsl"/>
  <xsl:import href="apparatus.xsl"/>

  <xsl:mode on-no-match="shallow-skip"/>
  <xsl:mode name="account-header" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="account-source" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="/tei:TEI | /tei:teiCorpus">
    <xsl:call-template name="f:shell">
      <xsl:with-param name="page-title" select="f:title(.)"/>
      <xsl:with-param name="href" select="f:page(.)"/>
      <xsl:with-param name="page-class" select="'page page-account'"/>
      <xsl:with-param name="lang" select="string((@xml:lang, tei:text/@xml:lang, 'en')[1])"/>
      <xsl:with-param name="release" select="f:release(.)"/>
      <xsl:with-param name="content">
        <article class="account" data-pagefind-body="">
          <xsl:apply-templates select="." mode="account-header"/>
          <div class="text" id="text">
            <xsl:apply-templates select="tei:text | tei:TEI | self::tei:teiCorpus[not(tei:TEI)]/tei:text"
              mode="text"/>
          </div>
          <xsl:call-template name="f:notes">
            <xsl:with-param name="text" select="tei:text | tei:TEI/tei:text"/>
          </xsl:call-template>
          <xsl:apply-templates select="." mode="account-source"/>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="account-header">
    <xsl:variable name="title-stmt" as="element()?" select="tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <header class="account-header">
      <h1><xsl:value-of select="f:title(.)"/></h1>
      <xsl:for-each select="$title-stmt/tei:title[@type = 'sub']">
        <p class="subtitle"><xsl:apply-templates mode="text"/></p>
      </xsl:for-each>
      <dl class="meta">
        <xsl:if test="$title-stmt/tei:author">
          <dt>Author</dt>
          <xsl:for-each select="$title-stmt/tei:author"><dd><xsl:apply-templates mode="text"/></dd></xsl:for-each>
        </xsl:if>
        <xsl:for-each select="tei:teiHeader/tei:profileDesc/tei:creation">
          <dt>Written</dt><dd><xsl:apply-templates mode="text"/></dd>
        </xsl:for-each>
        <xsl:for-each select="f:translation-status(.)">
          <dt>Language</dt><dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
      </dl>
      <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:note[@type = 'translation']">
        <p class="cable-translation"><strong>A translation.</strong><xsl:text> </xsl:text><xsl:apply-templates
          mode="text"/></p>
      </xsl:for-each>
      <xsl:if test=".//tei:text//tei:choice">
        <p class="reading-switch">
          <button type="button" class="reading-toggle" aria-pressed="false" hidden="hidden">Show the transcription exactly</button>
          <span class="reading-help">Edited reading: errors of our transcription corrected (dotted underline), errors of the original as printed and marked [sic]; the other reading on hover.</span>
        </p>
      </xsl:if>
    </header>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="account-source">
    <xsl:variable name="bibls" as="element()*" select="tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl
      | tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:biblStruct | tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:p"/>
    <section class="source" aria-labelledby="source-heading">
      <h2 id="source-heading">Source</h2>
      <xsl:for-each select="$bibls">
        <p class="source-bibl"><xsl:apply-templates select="node() except tei:note" mode="text">
          <xsl:with-param name="excerpt" select="true()" tunnel="yes"/></xsl:apply-templates></p>
      </xsl:for-each>
      <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability">
        <p class="licence"><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <p class="how-to-cite"><strong>How to cite a paragraph:</strong> use its number’s “cite” button, or
        link to <code><xsl:value-of select="$base-url || f:page(.)"/>#</code> followed by the paragraph’s
        identifier (shown in the address bar when you follow its number).</p>
    </section>
  </xsl:template>
</xsl:stylesheet>
