<?xml version="1.0" encoding="UTF-8"?>
<!-- Indexes of persons, places and organisations with every mention; the timeline; the comparison of accounts. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:key name="mentions" match="tei:text//*[@ref] | tei:text//*[@who]"
    use="(tokenize(@ref), tokenize(@who)) ! substring-after(., '#')"/>

  <!-- Where a node stands: the page, the anchor and a label (the paragraph number). -->
  <xsl:function name="f:mention-link" as="element()">
    <xsl:param name="anchor" as="element()"/>
    <xsl:param name="count" as="xs:integer"/>
    <a href="{f:page($anchor)}#{$anchor/@xml:id}">
      <xsl:value-of select="f:anchor-label($anchor)"/>
      <xsl:if test="$count gt 1"> (<xsl:value-of select="$count"/>×)</xsl:if>
    </a>
  </xsl:function>

  <xsl:template name="f:index">
    <xsl:param name="entries" as="element()*"/>
    <xsl:param name="accounts" as="document-node()*"/>
    <xsl:param name="heading" as="xs:string"/>
    <h1><xsl:value-of select="$heading"/></h1>
    <p class="index-help"><xsl:value-of select="count($entries)"/> entries; each lists every mention, by account
      and paragraph.</p>
    <ol class="index-entries">
      <xsl:for-each select="$entries">
        <xsl:sort select="f:sort-key(.)"/>
        <xsl:variable name="id" as="xs:string" select="string(@xml:id)"/>
        <li class="index-entry" id="{$id}">
          <h2><xsl:value-of select="f:name(.)"/></h2>
          <xsl:apply-templates select="." mode="entry-details"/>
          <xsl:variable name="mentions" as="element()*" select="$accounts ! key('mentions', $id, .)"/>
          <xsl:choose>
            <xsl:when test="empty($mentions)"><p class="no-mentions">Not mentioned in the texts.</p></xsl:when>
            <xsl:otherwise>
              <ul class="mentions">
                <xsl:for-each-group select="$mentions" group-by="base-uri(root(.))">
                  <li><span class="mention-account" title="{f:title(root(.)/*)}"><xsl:value-of
                    select="f:short-title(root(.)/*)"/></span>:
                    <xsl:for-each-group select="current-group()[f:anchor(.)]" group-by="f:anchor(.)/@xml:id">
                      <xsl:sequence select="f:mention-link(f:anchor(.), count(current-group()))"/>
                      <xsl:if test="position() != last()">, </xsl:if>
                    </xsl:for-each-group>
                  </li>
                </xsl:for-each-group>
              </ul>
            </xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="tei:person | tei:personGrp | tei:place | tei:org" mode="entry-details">
    <xsl:variable name="life" as="xs:string?" select="string-join((tei:birth, tei:death) !
      string((@when, @notBefore, .)[1]) ! substring(., 1, 4), '–')[. != '']"/>
    <xsl:variable name="role" as="xs:string*" select="(tei:occupation, tei:roleName, tei:state/tei:desc,
      tei:desc, tei:note)[1] ! normalize-space(.)"/>
    <xsl:if test="exists(($life, $role))">
      <p class="entry-role"><xsl:value-of select="string-join((($life ! ('(' || . || ')')), $role), ' ')"/></p>
    </xsl:if>
  </xsl:template>

  <!-- Every dated event of the texts, in time order, with links to where it is mentioned. -->
  <xsl:template name="f:timeline">
    <xsl:param name="accounts" as="document-node()*"/>
    <h1>Timeline</h1>
    <p class="index-help">Every date in the texts, ordered by its normalised value.</p>
    <table class="timeline">
      <caption>Dated events</caption>
      <thead><tr><th scope="col">Date</th><th scope="col">As written</th><th scope="col">Where</th></tr></thead>
      <tbody>
        <xsl:for-each-group select="$accounts ! (.//tei:text//tei:date[f:date-key(.) != ''])" group-by="f:date-value(.)">
          <xsl:sort select="f:date-key(.)"/>
          <tr>
            <th scope="row"><xsl:value-of select="f:date-label(f:date-key(.))"/><xsl:if test="contains(
              current-grouping-key(), ' – ')"> – <xsl:value-of select="f:date-label(substring-after(
              current-grouping-key(), ' – '))"/></xsl:if></th>
            <td><xsl:value-of select="distinct-values(current-group() ! normalize-space(.))" separator="; "/></td>
            <td>
              <xsl:for-each-group select="current-group()[f:anchor(.)]" group-by="base-uri(root(.))">
                <span class="mention-account" title="{f:title(root(.)/*)}"><xsl:value-of
                  select="f:short-title(root(.)/*)"/></span>
                <xsl:text> </xsl:text>
                <xsl:for-each select="current-group()">
                  <xsl:sequence select="f:mention-link(f:anchor(.), 1)"/>
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

  <!-- The accounts side by side on each contested point (seg/@ana pointing into the taxonomy). -->
  <xsl:template name="f:comparison">
    <xsl:param name="accounts" as="document-node()*"/>
    <xsl:param name="categories" as="element()*"/>
    <h1>The accounts compared</h1>
    <p class="index-help">For each contested point, what each account says about it.</p>
    <xsl:for-each select="$categories">
      <xsl:variable name="id" as="xs:string" select="string(@xml:id)"/>
      <section class="point" id="{$id}" aria-labelledby="{$id}-heading">
        <h2 id="{$id}-heading"><xsl:value-of select="f:name(.)"/></h2>
        <p class="point-description"><xsl:value-of select="replace(normalize-space(string-join(tei:catDesc/node()
          except tei:catDesc/tei:term)), '^[:.;,]\s*', '')"/></p>
        <div class="columns">
          <xsl:for-each select="$accounts">
            <xsl:variable name="passages" as="element()*"
              select=".//tei:text//*[@ana][tokenize(@ana) ! substring-after(., '#') = $id]"/>
            <xsl:if test="exists($passages)">
              <section class="column">
                <h3><xsl:value-of select="f:short-title(*)"/></h3>
                <p class="column-title"><a href="{f:page(.)}"><xsl:value-of select="f:title(*)"/></a></p>
                <xsl:for-each select="$passages">
                  <blockquote class="passage">
                    <p><xsl:apply-templates mode="text"><xsl:with-param name="excerpt" select="true()"
                      tunnel="yes"/></xsl:apply-templates></p>
                    <xsl:if test="f:anchor(.)"><p class="passage-link">
                      <xsl:sequence select="f:mention-link(f:anchor(.), 1)"/></p></xsl:if>
                  </blockquote>
                </xsl:for-each>
              </section>
            </xsl:if>
          </xsl:for-each>
        </div>
      </section>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
