<?xml version="1.0" encoding="UTF-8"?>
<!-- The text of a TEI document as HTML: one template per TEI element, in mode "text"; here the structure (divisions,
     paragraphs, lists, tables, page breaks), in phrases.xsl what stands within a paragraph. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:mode name="text" on-no-match="text-only-copy" on-multiple-match="fail"/>
  <!-- An element's xml:id as the id of what shows it (not in an excerpt, shown a second time on another page). -->
  <xsl:mode name="id" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="point-links" on-no-match="fail" on-multiple-match="fail"/>
  <!-- A page break where mode text does not show it (between a list's items: shown inside one). -->
  <xsl:mode name="page-break" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The phrase level (highlighting, names, dates, interventions, quotations, references), and formulas in
       MathML, copied through: modules of this one, in mode text. -->
  <xsl:include href="phrases.xsl"/>
  <xsl:include href="mathml.xsl"/>

  <!-- Elements without a presentation of their own: their text, and a finding for the build report. One that holds
       paragraphs (FRUS's frus:attachment, an enclosure) is a block, so that its paragraphs stay valid HTML. -->
  <xsl:template match="*" mode="text" priority="-1">
    <xsl:message select="f:report('HTM001', ., local-name())"/>
    <xsl:element name="{if (f:holds-blocks(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- True inside an element the page shows inline (a paragraph, a quotation, a note...): what is a block elsewhere
       is a span here (HTML closes a paragraph at a block). -->
  <xsl:function name="f:inline-context" as="xs:boolean" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::*[self::tei:p or self::tei:ab or self::tei:quote or self::tei:q or
      self::tei:hi or self::tei:note or self::tei:cell or self::tei:item or self::tei:l])"/>
  </xsl:function>

  <!-- True for an element with no template of its own that holds paragraphs, divisions or headings, outside inline
       context: it is shown as a block. -->
  <xsl:function name="f:holds-blocks" as="xs:boolean" visibility="public">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(tei:p | tei:ab | tei:div | tei:head | tei:list | tei:table | tei:lg
      | tei:sp | tei:dateline | tei:postscript)) and not(f:inline-context($element))"/>
  </xsl:function>

  <!-- A paragraph is a p, or a div where it holds what HTML does not allow in a p (a list, a table, a heading: TEI
       does, as FRUS's lists of enclosures and the TEI Stylesheets' tables of equations show): a p would be closed
       there by the browser, the rest of the paragraph left outside it. -->
  <xsl:function name="f:paragraph-element" as="xs:string" visibility="public">
    <xsl:param name="paragraph" as="element()"/>
    <xsl:sequence select="if (exists($paragraph//(tei:list | tei:table | tei:lg | tei:sp | tei:head)
      [not(ancestor::tei:note)])) then 'div' else 'p'"/>
  </xsl:function>

  <!-- The block a title page's part or a dateline is when it stands in a division, a title page or the front matter
       (a div for docTitle, a p for the others); empty where it stands in a phrase (a span). -->
  <xsl:function name="f:block-name" as="xs:string?" visibility="public">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parent" as="element()?" select="$element/parent::*"/>
    <xsl:sequence select="if (not($element[self::tei:docTitle or self::tei:titlePart or self::tei:byline or
      self::tei:docAuthor or self::tei:docDate or self::tei:docImprint or self::tei:docEdition or self::tei:dateline])
      or f:inline-context($element)) then ()
      else if (not($parent[self::tei:titlePage or self::tei:front or self::tei:back or self::tei:body or
        self::tei:group or self::tei:div or self::tei:postscript or (starts-with(local-name(), 'div') and
        namespace-uri() = 'http://www.tei-c.org/ns/1.0')] or $parent[self::tei:docTitle][exists(f:block-name(.))]
        or $parent[not(self::tei:*)][f:holds-blocks(.)])) then ()
      else if ($element/self::tei:docTitle) then 'div' else 'p'"/>
  </xsl:function>

  <!-- Never shown in the text: the header, interpretations, and descriptions of omissions (shown on the gap). -->
  <xsl:template match="tei:teiHeader | tei:interp | tei:interpGrp | tei:gap/tei:desc | tei:standOff
    | tei:facsimile | tei:sourceDoc | tei:fw | tei:figDesc" mode="text"/>

  <xsl:template match="@xml:id" mode="id">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($excerpt)"><xsl:attribute name="id" select="."/></xsl:if>
  </xsl:template>

  <!-- Structure -->
  <xsl:template match="tei:TEI | tei:text | tei:body | tei:group" mode="text">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <xsl:template match="tei:teiCorpus" mode="text">
    <xsl:for-each select="tei:TEI">
      <section class="corpus-text">
        <xsl:apply-templates select="@xml:id" mode="id"/>
        <h2><xsl:value-of select="f:title(.)"/></h2>
        <xsl:apply-templates select="tei:text" mode="text"/>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:front | tei:back | tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:titlePage"
    mode="text">
    <section class="{string-join((local-name(), @type), ' ')}">
      <xsl:apply-templates select="@xml:id" mode="id"/>
      <xsl:apply-templates mode="text"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head" mode="text">
    <xsl:variable name="level" as="xs:integer"
      select="min((6, 2 + count(ancestor::*[self::tei:div or starts-with(local-name(), 'div')]) - 1))"/>
    <xsl:element name="h{max((2, $level))}">
      <xsl:apply-templates select="@xml:id" mode="id"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- A numbered paragraph: its number is a link to itself, with a "how to cite" popup. -->
  <xsl:template match="tei:p[@xml:id] | tei:ab[@xml:id]" mode="text">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="n" as="xs:string" select="string((@n, count(preceding::*[self::tei:p or self::tei:ab]
      [@xml:id][ancestor::tei:text][not(@type = 'separator')]) + 1)[1])"/>
    <xsl:choose>
      <xsl:when test="$excerpt"><xsl:apply-templates mode="text"/></xsl:when>
      <xsl:otherwise>
        <div class="{string-join(('para', local-name(), @type), ' ')}" id="{@xml:id}">
          <a class="pnum" href="#{@xml:id}" title="Paragraph {$n}: link to this paragraph" data-pagefind-ignore="all">
            <span class="visually-hidden">Paragraph </span><xsl:value-of select="$n"/></a>
          <xsl:element name="{f:paragraph-element(.)}"><xsl:apply-templates mode="text"/></xsl:element>
          <xsl:call-template name="f:cite-paragraph">
            <xsl:with-param name="id" select="string(@xml:id)"/>
            <xsl:with-param name="n" select="$n"/>
          </xsl:call-template>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A section break ("* * * * *" between excerpts) is no paragraph: no number, no citation; its mark as printed. -->
  <xsl:template match="tei:ab[@type = 'separator']" mode="text" priority="2">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <div class="section-break" role="separator">
      <xsl:if test="not($excerpt)"><xsl:apply-templates select="@xml:id" mode="id"/></xsl:if>
      <span aria-hidden="true"><xsl:value-of select="normalize-space(.)"/></span>
    </div>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="text">
    <xsl:choose>
      <xsl:when test="f:inline-context(.)">
        <span class="p"><xsl:apply-templates mode="text"/></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{f:paragraph-element(.)}">
          <xsl:if test="f:paragraph-element(.) = 'div'"><xsl:attribute name="class" select="'p'"/></xsl:if>
          <xsl:apply-templates mode="text"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lg" mode="text">
    <div class="lg"><xsl:apply-templates select="@xml:id" mode="id"/><xsl:apply-templates mode="text"/></div>
  </xsl:template>
  <xsl:template match="tei:l" mode="text">
    <span class="l"><xsl:apply-templates select="@xml:id" mode="id"/><xsl:apply-templates mode="text"/></span>
  </xsl:template>
  <xsl:template match="tei:lb" mode="text"><br/></xsl:template>
  <!-- A page break of the source: its number in the margin, outside the sentence (a node of its own, DPUB-ARIA's
       doc-pagebreak, that a screen reader names "page 12": by its title, as axe-core allows no aria-label on a span;
       search does not index it); its xml:id stays a link target ("#pg_12"). -->
  <xsl:template match="tei:pb" mode="text page-break">
    <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
    <span class="pb" role="doc-pagebreak" title="{if ($n = '') then 'page break' else 'page ' || $n}"
      data-pagefind-ignore="all"><xsl:apply-templates select="@xml:id" mode="id"/><span class="pb-n"
      aria-hidden="true"><xsl:value-of select="($n[. != ''], '|')[1]"/></span></span>
  </xsl:template>
  <!-- between a list's items, at the start of the next item (at the end of the last): HTML's list holds items only -->
  <xsl:template match="tei:list/tei:pb[following-sibling::tei:item or preceding-sibling::tei:item]" mode="text"
    priority="1"/>
  <xsl:template match="tei:cb | tei:milestone" mode="text"/>
  <xsl:template match="tei:anchor" mode="text">
    <span><xsl:apply-templates select="@xml:id" mode="id"/></span>
  </xsl:template>

  <xsl:template match="tei:list" mode="text">
    <ul class="list"><xsl:apply-templates select="@xml:id" mode="id"/><xsl:apply-templates mode="text"/></ul>
  </xsl:template>
  <!-- An item, with the label before it (a glossary's term, FRUS's "1.", "41."): HTML's list holds items only. -->
  <xsl:template match="tei:item" mode="text">
    <xsl:variable name="item" as="element()" select="."/>
    <li>
      <xsl:apply-templates select="preceding-sibling::tei:pb[following-sibling::tei:item[1] is $item]"
        mode="page-break"/>
      <xsl:for-each select="preceding-sibling::*[1][self::tei:label]">
        <span class="label"><xsl:apply-templates mode="text"/></span><xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates mode="text"/>
      <xsl:apply-templates select="following-sibling::tei:pb[empty($item/following-sibling::tei:item)]"
        mode="page-break"/>
    </li>
  </xsl:template>
  <xsl:template match="tei:list/tei:label[following-sibling::*[1][self::tei:item]]" mode="text" priority="2"/>
  <xsl:template match="tei:figure/tei:head" mode="text" priority="2">
    <span class="figure-head"><xsl:apply-templates mode="text"/></span>
  </xsl:template>
  <xsl:template match="tei:list/tei:head" mode="text" priority="2">
    <li class="list-head"><xsl:apply-templates mode="text"/></li>
  </xsl:template>
  <xsl:template match="tei:table" mode="text">
    <table><xsl:apply-templates select="@xml:id" mode="id"/><xsl:apply-templates mode="text"/></table>
  </xsl:template>
  <xsl:template match="tei:row" mode="text"><tr><xsl:apply-templates mode="text"/></tr></xsl:template>
  <xsl:template match="tei:cell" mode="text"><td><xsl:apply-templates mode="text"/></td></xsl:template>
  <xsl:template match="tei:table/tei:head" mode="text" priority="2">
    <caption><xsl:apply-templates mode="text"/></caption>
  </xsl:template>

  <xsl:template match="tei:postscript" mode="text">
    <xsl:element name="{if (f:inline-context(.)) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'postscript'"/>
      <xsl:apply-templates select="@xml:id" mode="id"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:sp" mode="text">
    <div class="sp"><xsl:apply-templates select="@xml:id" mode="id"/><xsl:apply-templates mode="text"/></div>
  </xsl:template>
  <xsl:template match="tei:speaker" mode="text">
    <strong class="speaker"><xsl:apply-templates mode="text"/></strong>
  </xsl:template>

</xsl:stylesheet>
