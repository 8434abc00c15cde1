<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared lookups for the print output: pointers, names, sigla, anchors. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:x-edition:print"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Every element a pointer may reach: ids are unique across the edition, so the file part is not needed. -->
  <xsl:function name="ed:targets" as="element()*">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:for-each select="tokenize($pointers)[contains(., '#')]">
      <xsl:variable name="id" as="xs:string" select="substring-after(., '#')"/>
      <xsl:sequence select="($all-documents ! id($id, .))[1]"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The ids a pointer attribute names, without their file part. -->
  <xsl:function name="ed:ids" as="xs:string*">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:sequence select="tokenize($pointers)[contains(., '#')] ! substring-after(., '#')"/>
  </xsl:function>

  <!-- The display name of an authority entry (person, place, org, witness, category) or a respStmt. -->
  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" as="element()?"
      select="($entry/(persName, orgName, placeName, name, catDesc, resp))[1]"/>
    <xsl:sequence select="normalize-space(if ($name) then string($name) else string($entry))"/>
  </xsl:function>

  <!-- Who a @resp names: the authority's name, or the id itself (hyphens as spaces) when the file is absent. -->
  <xsl:function name="ed:responsible" as="xs:string*">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:for-each select="tokenize($pointers)">
      <xsl:variable name="target" as="element()?" select="ed:targets(.)"/>
      <xsl:sequence select="if ($target) then ed:label($target) else replace(replace(., '^.*#', ''), '-', ' ')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A person's name as an index lists it, surname first: from surname and forename when the name is structured,
       else by moving the last word (before a suffix such as "Jr.") to the front. -->
  <xsl:function name="ed:index-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="name" as="element()?" select="$person/persName[1]"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize(ed:label($person))"/>
    <xsl:variable name="suffix" as="xs:string?" select="$words[last()][matches(., '^(Jr\.?|Sr\.?|I{2,3}|IV),?$')]"/>
    <xsl:variable name="rest" as="xs:string*" select="if ($suffix) then $words[position() lt last()] else $words"/>
    <!-- a generational suffix written inside the surname ("Anderson Jr.") goes last: "Anderson, Rudolf, Jr." -->
    <xsl:variable name="surname" as="xs:string" select="normalize-space($name/surname[1])"/>
    <!-- or encoded as a generational addName: "Anderson, Rudolf, Jr." -->
    <xsl:variable name="generation" as="xs:string?" select="(normalize-space($name/addName[@type =
      'generational'][1])[. != ''], replace($surname, '^.*\s(Jr\.?|Sr\.?|I{2,3}|IV)$', '$1')[. != $surname])[1]"/>
    <xsl:sequence select="if ($name/surname)
      then normalize-space(string-join((
        if ($generation and ends-with($surname, ' ' || $generation))
        then substring($surname, 1, string-length($surname) - string-length($generation) - 1)
        else $surname, string-join($name/forename, ' '), $generation)[normalize-space(.)], ', '))
      else if (count($rest) lt 2) then ed:label($person)
      else $rest[last()] || ', ' || string-join(($rest[position() lt last()], $suffix), ' ')"/>
  </xsl:function>

  <!-- The key an index sorts by: the name as the index lists it, without case. -->
  <xsl:function name="ed:sort-key" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="lower-case(ed:index-name($person))"/>
  </xsl:function>

  <!-- A witness's siglum: @n, else an abbr of type siglum, else its id without the "wit-" prefix. -->
  <xsl:function name="ed:siglum" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="witness" as="element()?" select="ed:targets($pointer)[1]"/>
    <xsl:variable name="id" as="xs:string" select="(substring-after($pointer, '#')[. ne ''], $pointer)[1]"/>
    <xsl:sequence select="
      if ($witness/@n) then string($witness/@n)
      else if ($witness/abbr[@type = 'siglum']) then normalize-space($witness/abbr[@type = 'siglum'][1])
      else replace($id, '^wit-', '')"/>
  </xsl:function>

  <!-- The anchor id of a mention, stable across runs: the nearest identified ancestor's id (else the document's) and
       the mention's ordinal within it; counted within that block, so that long documents stay linear. -->
  <xsl:function name="ed:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="block" as="element()?" select="$mention/ancestor::*[@xml:id][1]"/>
    <xsl:variable name="scope" as="node()" select="($block, root($mention))[1]"/>
    <xsl:sequence select="($block/@xml:id, ed:document-id($mention))[1] || '-m'
      || index-of($scope//*[@ref] ! generate-id(), generate-id($mention))"/>
  </xsl:function>

  <!-- The id of the document an element belongs to: the root's xml:id, else the file name. -->
  <xsl:function name="ed:document-id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="root" as="element()" select="root($node)/*"/>
    <xsl:sequence select="($root/@xml:id, replace(tokenize(document-uri(root($node)), '/')[last()], '\.xml$', ''))[1]"/>
  </xsl:function>

  <!-- Shorten a long lemma for the apparatus: "first two … last". -->
  <xsl:function name="ed:short-lemma" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize(normalize-space($text))"/>
    <xsl:sequence select="if (count($words) le 4) then normalize-space($text)
      else string-join(($words[1], $words[2], '…', $words[last()]), ' ')"/>
  </xsl:function>
</xsl:stylesheet>
