<?xml version="1.0" encoding="UTF-8"?>
<!-- Indexes of persons, places and organisations with every mention; the timeline; the comparison of accounts.
     They are made from the documents' summaries (summary.xsl), one s:summary element per document. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:f="urn:x-edition:function" xmlns:s="urn:x-edition:summary"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:key name="s:mentions" match="s:mention" use="tokenize(@ids)"/>

  <!-- A link to where a mention stands: the page, the anchor and its label (the paragraph number). -->
  <xsl:function name="f:mention-link" as="element()" visibility="public">
    <xsl:param name="page" as="xs:string"/>
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="count" as="xs:integer"/>
    <a href="{$page}#{$anchor}">
      <xsl:value-of select="$label"/>
      <xsl:if test="$count gt 1"> (<xsl:value-of select="$count"/>×)</xsl:if>
    </a>
  </xsl:function>

  <xsl:template name="f:index">
    <xsl:param name="entries" as="element(s:entry)*"/>
    <xsl:param name="accounts" as="element(s:summary)*"/>
    <xsl:param name="heading" as="xs:string"/>
    <h1><xsl:value-of select="$heading"/></h1>
    <p class="index-help"><xsl:value-of select="count($entries)"/> entries; each lists every mention, by account
      and paragraph.</p>
    <ol class="index-entries">
      <xsl:for-each select="$entries">
        <xsl:sort select="@sort"/>
        <xsl:variable name="id" as="xs:string" select="string(@id)"/>
        <li class="index-entry" id="{$id}">
          <h2><xsl:value-of select="@name"/></h2>
          <xsl:for-each select="s:role"><p class="entry-role"><xsl:copy-of select="node()" copy-namespaces="no"/></p></xsl:for-each>
          <xsl:for-each select="s:flag">
            <p class="entry-flag"><strong class="flag">Identification ours (certainty: <xsl:value-of
              select="@cert"/>).</strong><xsl:text> </xsl:text><xsl:copy-of select="node()"
              copy-namespaces="no"/></p>
          </xsl:for-each>
          <xsl:variable name="mentioned" as="element(s:summary)*" select="$accounts[key('s:mentions', $id, .)]"/>
          <xsl:choose>
            <xsl:when test="empty($mentioned)"><p class="no-mentions">Not mentioned in the texts.</p></xsl:when>
            <xsl:otherwise>
              <ul class="mentions">
                <xsl:for-each select="$mentioned">
                  <li><span class="mention-account" title="{@title}"><xsl:value-of
                    select="@short-title"/></span>:
                    <xsl:for-each-group select="key('s:mentions', $id, .)[@anchor]" group-by="@anchor">
                      <xsl:sequence select="f:mention-link(../@page, @anchor, @label, count(current-group()))"/>
                      <xsl:if test="position() != last()">, </xsl:if>
                    </xsl:for-each-group>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <!-- Every dated event of the texts, in time order, with links to where it is mentioned. -->
  <xsl:template name="f:timeline">
    <xsl:param name="accounts" as="element(s:summary)*"/>
    <h1>Timeline</h1>
    <p class="index-help">The dates the texts give (a day, a time, or a span with both its bounds), ordered by their
      normalised value; a span is shown as a span. Expressions with an open bound only (“some time ago”, “over the
      years”), values of low certainty, and dates in the editors’ notes are not listed: they date no event.</p>
    <table class="timeline">
      <caption>Dates given in the texts</caption>
      <thead><tr><th scope="col">Date</th><th scope="col">Precision</th><th scope="col">As written</th><th
        scope="col">Where</th></tr></thead>
      <tbody>
        <xsl:for-each-group select="$accounts ! s:date" group-by="@value">
          <xsl:sort select="@key"/>
          <tr>
            <th scope="row"><xsl:value-of select="f:date-label(@key)"/><xsl:if test="contains(
              current-grouping-key(), ' – ')"> – <xsl:value-of select="f:date-label(substring-after(
              current-grouping-key(), ' – '))"/></xsl:if></th>
            <td><xsl:value-of select="distinct-values(current-group() ! (string(@precision) || (@cert[. != '']
              ! (' (certainty: ' || . || ')'))))" separator="; "/></td>
            <td><xsl:value-of select="distinct-values(current-group() ! string(@text))" separator="; "/></td>
            <td>
              <xsl:for-each-group select="current-group()[@anchor]" group-by="base-uri(root(.))">
                <span class="mention-account" title="{../@title}"><xsl:value-of
                  select="../@short-title"/></span>
                <xsl:text> </xsl:text>
                <xsl:for-each select="current-group()">
                  <xsl:sequence select="f:mention-link(../@page, @anchor, @label, 1)"/>
                  <xsl:if test="position() != last()">, </xsl:if>
                </xsl:for-each>
                <xsl:if test="position() != last()">; </xsl:if>
              </xsl:for-each-group>
            </td>
          </tr>
        </xsl:for-each-group>
      </tbody>
    </table>
  </xsl:template>

  <!-- The accounts side by side on each contested point (the passages whose @ana points to it). -->
  <xsl:template name="f:comparison">
    <xsl:param name="accounts" as="element(s:summary)*"/>
    <xsl:param name="points" as="element(s:point)*"/>
    <h1>The accounts compared</h1>
    <p class="index-help">For each contested point, what each account says about it.</p>
    <xsl:for-each select="$points">
      <xsl:variable name="id" as="xs:string" select="string(@id)"/>
      <section class="point" id="{$id}" aria-labelledby="{$id}-heading">
        <h2 id="{$id}-heading"><xsl:value-of select="@name"/></h2>
        <p class="point-description"><xsl:copy-of select="s:description/node()"
          copy-namespaces="no"/></p>
        <div class="columns">
          <xsl:for-each select="$accounts">
            <xsl:variable name="passages" as="element(s:passage)*" select="s:passage[tokenize(@points) = $id]"/>
            <xsl:if test="exists($passages)">
              <section class="column">
                <h3><xsl:value-of select="@short-title"/></h3>
                <p class="column-title"><a href="{@page}"><xsl:value-of select="@title"/></a></p>
                <xsl:copy-of select="$passages/node()" copy-namespaces="no"/>
              </section>
            </xsl:if>
          </xsl:for-each>
        </div>
      </section>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
