<?xml version="1.0" encoding="UTF-8"?>
<!-- One TEI document (TEI or teiCorpus) in, its header as a simple Dublin Core record (oai_dc:dc) out. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:f="urn:x-edition:function"
  exclude-result-prefixes="xs tei f">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="shallow-skip" on-multiple-match="fail"/>

  <!-- Where the document sits in the package (e.g. "tei/persons.xml"); becomes one more dc:identifier. -->
  <xsl:param name="document-path" as="xs:string" select="''"/>
  <!-- The document's URI on the published site (base URL + path), when the edition has a base URL. -->
  <xsl:param name="document-uri" as="xs:string" select="''"/>
  <!-- The edition the document belongs to: its URI when it has one, else its identifier; becomes dc:relation. -->
  <xsl:param name="part-of" as="xs:string" select="''"/>
  <!-- The edition's rights statement, for a document whose header states none. -->
  <xsl:param name="edition-rights" as="xs:string" select="''"/>

  <!-- Whitespace-normalised text of a node, or the empty sequence when it has none. -->
  <xsl:function name="f:text" as="xs:string?" visibility="public">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space(string($node))"/>
    <xsl:sequence select="if ($text) then $text else ()"/>
  </xsl:function>

  <!-- The machine-readable value of a TEI date (@when, else @from/@to, else @notBefore/@notAfter), else its text. -->
  <xsl:function name="f:date" as="xs:string?" visibility="public">
    <xsl:param name="date" as="element(tei:date)?"/>
    <xsl:sequence select="
      if ($date/@when) then string($date/@when)
      else if ($date/@from) then string-join(($date/@from, $date/@to), '/')
      else if ($date/@notBefore or $date/@notAfter) then string-join(($date/@notBefore, $date/@notAfter), '/')
      else f:text($date)"/>
  </xsl:function>

  <!-- The name of a person or body: its first name element when it has one (an author may add a description). -->
  <xsl:function name="f:agent" as="xs:string?" visibility="public">
    <xsl:param name="agent" as="element()"/>
    <xsl:variable name="name" as="element()?" select="($agent/(tei:persName | tei:orgName | tei:name))[1]"/>
    <xsl:sequence select="f:text(if ($name) then $name else $agent)"/>
  </xsl:function>

  <!-- A citation's text without its notes (a bibl may carry a long editorial note). -->
  <xsl:function name="f:citation" as="xs:string?" visibility="public">
    <xsl:param name="bibl" as="element()"/>
    <xsl:variable name="text" as="xs:string"
      select="normalize-space(string-join($bibl//text()[not(ancestor::tei:note | ancestor::tei:textLang)], ''))"/>
    <xsl:sequence select="if ($text) then $text else ()"/>
  </xsl:function>

  <!-- The language of the text as encoded: the xml:lang of its text, else of the document, else the first declared
       in langUsage. A language the header declares besides it (the original of a translation) is not the text's. -->
  <xsl:function name="f:languages" as="xs:string*" visibility="public">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="encoded" as="xs:string?" select="($root/tei:text/@xml:lang, $root/@xml:lang)[1]/string()"/>
    <xsl:variable name="declared" as="xs:string*"
      select="distinct-values($root/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident)"/>
    <xsl:sequence select="if ($encoded) then $encoded else $declared[1]"/>
  </xsl:function>

  <!-- What the header says of the languages that are not the text's: the source's textLang, else each other
       declared language with its description ("ru: Russian: the language of the original"). -->
  <xsl:function name="f:other-languages" as="xs:string*" visibility="public">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="text-language" as="xs:string*" select="f:languages($root)"/>
    <xsl:variable name="described" as="xs:string*"
      select="$root/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:textLang ! f:text(.)"/>
    <xsl:variable name="others" as="element(tei:language)*"
      select="$root/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[not(@ident = $text-language)]"/>
    <xsl:sequence select="if (exists($described)) then $described
      else $others ! string-join((string(@ident), f:text(.)), ': ')"/>
  </xsl:function>

  <xsl:template match="/tei:TEI | /tei:teiCorpus">
    <xsl:variable name="header" as="element(tei:teiHeader)?" select="tei:teiHeader"/>
    <xsl:variable name="file" as="element(tei:fileDesc)?" select="$header/tei:fileDesc"/>
    <xsl:variable name="publication" as="element(tei:publicationStmt)?" select="$file/tei:publicationStmt"/>
    <oai_dc:dc xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
      <xsl:apply-templates select="$file/tei:titleStmt/tei:title[@type = 'main'], $file/tei:titleStmt/tei:title[not(@type = 'main')]"/>
      <xsl:apply-templates select="$file/tei:titleStmt/tei:author"/>
      <xsl:apply-templates select="$header/tei:profileDesc/tei:textClass/tei:keywords/tei:term"/>
      <xsl:apply-templates select="$file/tei:notesStmt/tei:note"/>
      <xsl:for-each select="f:other-languages(.)">
        <dc:description><xsl:value-of select="."/></dc:description>
      </xsl:for-each>
      <xsl:apply-templates select="$publication/(tei:publisher | tei:distributor | tei:authority)"/>
      <xsl:apply-templates select="$file/tei:titleStmt/(tei:editor | tei:respStmt/(tei:name | tei:persName | tei:orgName))"/>
      <xsl:call-template name="date">
        <xsl:with-param name="header" as="element(tei:teiHeader)?" select="$header"/>
      </xsl:call-template>
      <dc:type>Text</dc:type>
      <dc:format>application/tei+xml</dc:format>
      <xsl:if test="$document-uri">
        <dc:identifier><xsl:value-of select="$document-uri"/></dc:identifier>
      </xsl:if>
      <xsl:apply-templates select="$publication/tei:idno"/>
      <xsl:if test="$document-path">
        <dc:identifier><xsl:value-of select="$document-path"/></dc:identifier>
      </xsl:if>
      <xsl:apply-templates select="$file/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:biblFull | tei:msDesc)"/>
      <xsl:for-each select="f:languages(.)">
        <dc:language><xsl:value-of select="."/></dc:language>
      </xsl:for-each>
      <xsl:if test="$part-of">
        <dc:relation><xsl:value-of select="$part-of"/></dc:relation>
      </xsl:if>
      <xsl:variable name="rights" as="element()*" select="$publication/tei:availability/(tei:licence | tei:p)"/>
      <xsl:apply-templates select="$rights"/>
      <xsl:if test="empty($rights) and $edition-rights">
        <dc:rights><xsl:value-of select="$edition-rights"/></dc:rights>
      </xsl:if>
    </oai_dc:dc>
  </xsl:template>

  <xsl:template match="tei:titleStmt/tei:title[f:text(.)]">
    <dc:title><xsl:value-of select="f:text(.)"/></dc:title>
  </xsl:template>

  <xsl:template match="tei:titleStmt/tei:author[f:text(.)]">
    <dc:creator><xsl:value-of select="f:agent(.)"/></dc:creator>
  </xsl:template>

  <xsl:template match="tei:keywords/tei:term[f:text(.)]">
    <dc:subject><xsl:value-of select="f:text(.)"/></dc:subject>
  </xsl:template>

  <xsl:template match="tei:notesStmt/tei:note[f:text(.)]">
    <dc:description><xsl:value-of select="f:text(.)"/></dc:description>
  </xsl:template>

  <xsl:template match="tei:publicationStmt/*[f:text(.)]" priority="-0.1">
    <dc:publisher><xsl:value-of select="f:agent(.)"/></dc:publisher>
  </xsl:template>

  <xsl:template match="tei:publicationStmt/tei:idno[f:text(.)]">
    <dc:identifier><xsl:value-of select="f:text(.)"/></dc:identifier>
  </xsl:template>

  <!-- A contributor once: an agent pointing (@ref) at the entity an earlier one names (the edition's editors, then
       "the edition team" in a respStmt: two name forms of one organisation) is not a second contributor. -->
  <xsl:template match="tei:titleStmt/tei:editor[f:text(.)] | tei:respStmt/*[f:text(.)]">
    <xsl:variable name="ref" as="xs:string?" select="f:agent-ref(.)"/>
    <xsl:variable name="earlier" as="element()*" select="(preceding::tei:editor | preceding::tei:respStmt/*)
      [ancestor::tei:titleStmt is current()/ancestor::tei:titleStmt]"/>
    <xsl:if test="empty($ref) or not($earlier ! f:agent-ref(.) = $ref)">
      <dc:contributor><xsl:value-of select="f:agent(.)"/></dc:contributor>
    </xsl:if>
  </xsl:template>

  <!-- The entity an agent points at: the @ref of its name (or of itself, a name in a respStmt). -->
  <xsl:function name="f:agent-ref" as="xs:string?" visibility="public">
    <xsl:param name="agent" as="element()"/>
    <xsl:sequence select="(($agent/(tei:persName | tei:orgName | tei:name), $agent[self::tei:persName or
      self::tei:orgName or self::tei:name])[@ref])[1]/normalize-space(@ref)"/>
  </xsl:function>

  <xsl:template match="tei:sourceDesc/*[f:citation(.)]">
    <dc:source><xsl:value-of select="f:citation(.)"/></dc:source>
  </xsl:template>

  <xsl:template match="tei:availability/*[f:text(.) or @target]">
    <dc:rights><xsl:value-of select="string-join((f:text(.), @target), ' ')"/></dc:rights>
  </xsl:template>

  <!-- The date of the text itself (profileDesc/creation), else the date of this publication. -->
  <xsl:template name="date">
    <xsl:param name="header" as="element(tei:teiHeader)?"/>
    <xsl:variable name="dates" as="element(tei:date)*"
      select="($header/tei:profileDesc/tei:creation//tei:date, $header/tei:fileDesc/tei:publicationStmt/tei:date)"/>
    <xsl:variable name="value" as="xs:string?" select="($dates ! f:date(.))[1]"/>
    <xsl:if test="$value">
      <dc:date><xsl:value-of select="$value"/></dc:date>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
