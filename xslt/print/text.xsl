<?xml version="1.0" encoding="UTF-8"?>
<!-- The running text of an account: one template per TEI element, in the default mode. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:function"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Not printed: metadata, interpretation, and readings shown only in the apparatus. -->
  <xsl:template match="teiHeader | interp | interpGrp | witDetail | rdg | rdgGrp | desc | figDesc"/>

  <!-- Divisions and blocks. -->
  <xsl:template match="text | front | body | back | group | div | div1 | div2 | div3 | div4 | div5 | div6 | div7 | lg
    | listBibl | titlePage | docTitle | figure | floatingText | opener | closer | postscript | epigraph | argument">
    <div class="{local-name()}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- The head of an account (or of the group it opens, or else the first head) is a title; others are subheadings. -->
  <xsl:template match="head">
    <xsl:variable name="title" as="xs:boolean"
      select="exists(parent::div[@type = ('account', 'group')]) or . is (ancestor::text//head)[1]"/>
    <xsl:element name="{if ($title) then 'h2' else 'h3'}">
      <xsl:attribute name="class" select="string-join(('head', parent::div/@type), ' ')"/>
      <xsl:apply-templates select="@xml:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="p | ab">
    <p class="{string-join((local-name(), @type), ' ')}">
      <xsl:apply-templates select="@xml:id"/>
      <xsl:if test="@n">
        <span class="pn"><xsl:value-of select="@n"/></span>
      </xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="@xml:id">
    <xsl:attribute name="id" select="."/>
  </xsl:template>

  <!-- A citation standing as a block (the account's source line); inline it is just its text. -->
  <xsl:template match="bibl[parent::div or parent::body]">
    <p class="source">
      <xsl:apply-templates select="@xml:id"/>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="titlePart | docImprint | docEdition | byline | dateline | salute | signed | trailer
    | docAuthor[parent::titlePage] | docDate[parent::titlePage]">
    <p class="{local-name()}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="docAuthor | docDate">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="table">
    <table><xsl:apply-templates/></table>
  </xsl:template>

  <xsl:template match="row">
    <tr><xsl:apply-templates/></tr>
  </xsl:template>

  <xsl:template match="cell">
    <td><xsl:apply-templates/></td>
  </xsl:template>

  <xsl:template match="code | eg">
    <code><xsl:apply-templates/></code>
  </xsl:template>

  <xsl:template match="l">
    <span class="l"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="list">
    <ul><xsl:apply-templates/></ul>
  </xsl:template>

  <xsl:template match="item">
    <li><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="lb">
    <br/>
  </xsl:template>

  <xsl:template match="pb | cb | milestone | anchor"/>

  <!-- Names: an anchor for the index of persons, no other decoration. -->
  <xsl:template match="persName[@ref] | rs[@ref] | name[@ref] | placeName[@ref] | orgName[@ref]">
    <span class="name" id="{f:mention-id(.)}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Inline elements printed as their content. -->
  <xsl:template match="persName | placeName | orgName | rs | name | date | time | seg | quote | q | said | num
    | measure | author | editor | publisher | pubPlace | biblScope | citedRange | bibl | idno | s | w | c | pc
    | term | surname | forename | roleName | addName | unclear | add | orig | abbr | reg | expan | lem | sic">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="title[@level = ('m', 'j', 's')] | emph | mentioned">
    <i><xsl:apply-templates/></i>
  </xsl:template>

  <!-- A classification marking is printed in small capitals, as the cable's copy has it. The fonts have no small
       capitals (no OpenType smcp, and WeasyPrint does not make them), so lower-case letters are set as smaller
       capitals; its notes and apparatus keep their case. -->
  <xsl:template match="text()[ancestor::*[self::ab or self::p][@type = 'classification']][not(ancestor::note)]">
    <xsl:analyze-string select="." regex="\p{{Ll}}+">
      <xsl:matching-substring><span class="small-caps"><xsl:value-of select="upper-case(.)"/></span></xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:template>

  <!-- A foreign phrase in italics, in its language; a short one ("quid pro quo") is never broken across lines, so
     that justification cannot leave one of its words alone on a line. -->
  <xsl:template match="foreign">
    <i>
      <xsl:for-each select="@xml:lang"><xsl:attribute name="lang" select="."/></xsl:for-each>
      <xsl:choose>
        <xsl:when test="empty(*) and count(tokenize(normalize-space(.))) le 3">
          <xsl:value-of select="replace(., '\s+', '&#xA0;')"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </i>
  </xsl:template>

  <!-- The titles of books and journals that the edition's files mark as such: a reference whose words are one of them
       ("Thirteen Days", pointing to the account) is a title, and printed as one. -->
  <xsl:variable name="book-titles" as="xs:string*"
    select="distinct-values($all-documents//title[@level = ('m', 'j')] ! normalize-space(f:plain(.)))"/>

  <xsl:template match="title">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="hi">
    <xsl:variable name="rend" as="xs:string" select="string(@rend)"/>
    <xsl:element name="{if (contains($rend, 'bold')) then 'b' else if (contains($rend, 'sup')) then 'sup'
      else if (contains($rend, 'sub')) then 'sub' else 'i'}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Editorial conventions shared with the website: supplied text in brackets, omissions as an ellipsis. -->
  <xsl:template match="supplied">
    <span class="supplied">[<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:template match="gap">
    <span class="gap">…</span>
    <xsl:if test="desc">
      <xsl:call-template name="f:editorial-note">
        <xsl:with-param name="content" as="node()*">
          <xsl:apply-templates select="desc/node()"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The black bar of a redaction: a rectangle (an image, so that the tagged PDF gives it alternate text). -->
  <xsl:variable name="redaction-bar" as="xs:string" select="'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCA0MCA4IiB3aWR0aD0iNDAiIGhlaWdodD0iOCIgcHJlc2VydmVBc3BlY3RSYXRpbz0ibm9uZSI+PHJlY3Qgd2lkdGg9IjQwIiBoZWlnaHQ9IjgiIGZpbGw9IiMwMDAiLz48L3N2Zz4='"/>

  <!-- A redaction: what (its description, as a note), how much, and by whom, shown where it stands. -->
  <xsl:template match="gap[f:is-redaction(.)]">
    <xsl:variable name="by" as="xs:string*" select="f:responsible-names(@resp, .)"/>
    <span class="redaction">
      <img class="redaction-bar" src="{$redaction-bar}" alt="Redacted text (a black bar)"/>
      <span class="redaction-label">
        <xsl:text>redacted</xsl:text>
        <xsl:value-of select="(@quantity, @extent)[1] ! (': ' || . || (../@unit ! (' ' || . || (if (../@quantity = '1') then '' else 's'))))"/>
        <xsl:value-of select="$by[1] ! (', ' || ('presumably '[current()/@cert = ('medium', 'low')]) || 'by '
          || string-join($by, ' and '))"/>
      </span>
      <!-- the note call stays on the redaction's own line -->
      <xsl:if test="desc">
        <xsl:call-template name="f:editorial-note">
          <xsl:with-param name="content" as="node()*">
            <xsl:apply-templates select="desc/node()"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- Anything the stylesheet does not know is printed as its text, marked, and reported (the outermost such element
       only: what it contains is printed with it). -->
  <xsl:template match="*" priority="-1">
    <xsl:param name="in-generic" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="not($in-generic)">
      <xsl:message select="string-join(('PRN001', 'warning', base-uri(.), path(.),
        '&lt;' || local-name() || '&gt; has no print template: printed as its text'), '|')"/>
    </xsl:if>
    <span class="tei-generic" data-tei="{local-name()}">
      <xsl:apply-templates>
        <xsl:with-param name="in-generic" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>
</xsl:stylesheet>
