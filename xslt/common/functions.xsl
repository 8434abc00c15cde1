<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared functions: pointers across files, page addresses, dates, names. No presentation here. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" exclude-result-prefixes="#all">

  <xsl:import href="life.xsl"/>

  <xsl:key name="id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The element a pointer (file.xml#id, #id) reaches, or the empty sequence. -->
  <xsl:function name="f:target" as="element()?" visibility="public">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="file" as="xs:string" select="substring-before($pointer, '#')"/>
    <xsl:variable name="id" as="xs:string" select="substring-after($pointer, '#')"/>
    <xsl:variable name="uri" as="xs:string?"
      select="if ($file = '') then () else resolve-uri($file, base-uri($context))"/>
    <xsl:sequence select="
      if (not(contains($pointer, '#')) or $id = '') then ()
      else if (empty($uri)) then key('id', $id, root($context))[1]
      else if (doc-available($uri)) then key('id', $id, doc($uri))[1]
      else ()"/>
  </xsl:function>

  <!-- The page of the website that shows a document: its file name with .html. -->
  <xsl:function name="f:page" as="xs:string" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="replace(tokenize(base-uri(root($node)), '/')[last()], '\.xml$', '') || '.html'"/>
  </xsl:function>

  <!-- The index page that lists an authority entry, by the kind of the entry. -->
  <xsl:function name="f:index-page" as="xs:string?" visibility="public">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="
      if ($entry/self::tei:person or $entry/self::tei:personGrp) then 'persons.html'
      else if ($entry/self::tei:place) then 'places.html'
      else if ($entry/self::tei:org) then 'orgs.html'
      else ()"/>
  </xsl:function>

  <!-- The nearest element with an xml:id that contains the node (the anchor a mention links to). -->
  <xsl:function name="f:anchor" as="element()?" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::*[@xml:id][not(self::tei:TEI or self::tei:teiCorpus)])[last()]"/>
  </xsl:function>

  <!-- The normalised value of a date: @when, else the range from @notBefore/@from to @notAfter/@to. -->
  <xsl:function name="f:date-value" as="xs:string" visibility="public">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="start" as="xs:string?" select="($date/@when, $date/@from, $date/@notBefore)[1]"/>
    <xsl:variable name="end" as="xs:string?" select="($date/@to, $date/@notAfter)[1]"/>
    <xsl:sequence select="string-join(($start, $end), ' – ')"/>
  </xsl:function>

  <!-- The sort key of a date: its first normalised value (empty when it has none). -->
  <xsl:function name="f:date-key" as="xs:string" visibility="public">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="string(($date/@when, $date/@from, $date/@notBefore, $date/@to, $date/@notAfter)[1])"/>
  </xsl:function>

  <!-- True when a value is a valid HTML datetime (a year, month, day, or a day with a time and zone). -->
  <xsl:function name="f:is-datetime" as="xs:boolean" visibility="public">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="matches($value,
      '^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:\d{2})?)?)?)?$')"/>
  </xsl:function>

  <!-- A readable date: "27 October 1962" for a day, the value itself otherwise. -->
  <xsl:function name="f:date-label" as="xs:string" visibility="public">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="
      if ($value castable as xs:date) then format-date(xs:date($value), '[D] [MNn] [Y]', 'en', (), ())
      else if ($value castable as xs:dateTime)
        then format-dateTime(xs:dateTime($value), '[D] [MNn] [Y], [H01]:[m01]', 'en', (), ())
      else $value"/>
  </xsl:function>

  <!-- The display name of an authority entry: the first name form, whitespace normalised. -->
  <xsl:function name="f:name" as="xs:string" visibility="public">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" as="element()?"
      select="($entry/tei:persName, $entry/tei:placeName, $entry/tei:orgName, $entry/tei:name,
               $entry/tei:catDesc/tei:term, $entry/tei:catDesc, $entry/tei:abbr)[1]"/>
    <xsl:sequence select="if ($name) then normalize-space(string-join($name//text()[not(ancestor::tei:note)])) else
      string($entry/@xml:id)"/>
  </xsl:function>

  <!-- The main title of a document. -->
  <xsl:function name="f:title" as="xs:string" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="titles" as="element()*" select="$doc/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="normalize-space(string(($titles[@type = 'main'], $titles)[1]))"/>
  </xsl:function>

  <!-- A short name for a document: its short title, else its authors' names, else its main title. -->
  <xsl:function name="f:short-title" as="xs:string" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="statement" as="element()?" select="$doc/tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="authors" as="xs:string*" select="$statement/tei:author ! normalize-space(string-join(
      (tei:persName, tei:name, tei:orgName)[1]//text()))[. != '']"/>
    <xsl:sequence select="($statement/tei:title[@type = 'short'] ! normalize-space(.),
      string-join($authors, ' and ')[. != ''], f:title($doc))[1]"/>
  </xsl:function>

  <!-- The sort key of an authority entry: the surname when there is one, then the name. -->
  <xsl:function name="f:sort-key" as="xs:string" visibility="public">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="lower-case(string-join((($entry/tei:persName/tei:surname)[1], f:name($entry)), ' '))"/>
  </xsl:function>

  <!-- How a mention's anchor is labelled: its paragraph number, else what it is. -->
  <xsl:function name="f:anchor-label" as="xs:string" visibility="public">
    <xsl:param name="anchor" as="element()"/>
    <xsl:variable name="numbered" as="element()?" select="$anchor/ancestor-or-self::*[@n][@xml:id][1]"/>
    <xsl:sequence select="if ($numbered) then '¶ ' || $numbered/@n
      else if ($anchor/self::tei:head) then 'heading'
      else if ($anchor/self::tei:titlePage) then 'title page'
      else if ($anchor/self::tei:bibl) then 'source'
      else local-name($anchor)"/>
  </xsl:function>

  <!-- The siglum of a witness: its abbr of type siglum, its @n, or its id. -->
  <xsl:function name="f:siglum" as="xs:string" visibility="public">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="witness" as="element()?" select="f:target($pointer, $context)"/>
    <xsl:sequence select="string(($witness/tei:abbr[@type = 'siglum'], $witness/@n,
      if (contains($pointer, '#')) then substring-after($pointer, '#') else $pointer)[1])"/>
  </xsl:function>

  <!-- What a document says of its language when it is a translation (a textLang of its source description with
       otherLangs): its words, e.g. "An English translation of a Russian original; the Russian original is not
       reproduced…"; empty for a text in its original language. -->
  <xsl:function name="f:translation-status" as="xs:string?" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="($doc/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:textLang[@otherLangs])[1]
      ! normalize-space(.)"/>
  </xsl:function>

  <!-- A document's version and release date, from its editionStmt: "Version 1.0, released 4 December 2026". -->
  <xsl:function name="f:release" as="xs:string" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="statement" as="element()?" select="$doc/tei:teiHeader/tei:fileDesc/tei:editionStmt"/>
    <xsl:variable name="version" as="xs:string?" select="($statement//tei:num[@type = 'version'])[1] ! string(.)"/>
    <xsl:variable name="date" as="xs:string?" select="($statement//tei:date[@type = 'release'])[1]/@when ! string(.)"/>
    <xsl:sequence select="string-join(($version ! ('Version ' || .), $date ! ('released ' || f:date-label(.))), ', ')"/>
  </xsl:function>

  <!-- A finding for the build report: code|level|document|path|text (see toolkit/publish/xslt.py). -->
  <xsl:function name="f:report" as="xs:string" visibility="public">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="node" as="node()"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="string-join(($code, 'warning', base-uri($node), path($node), $text), '|')"/>
  </xsl:function>
</xsl:stylesheet>
