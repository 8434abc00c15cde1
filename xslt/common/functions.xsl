<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared functions: pointers across files, page addresses, dates, names. No presentation here. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <xsl:import href="life.xsl"/>

  <xsl:key name="id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The edition's documents, parsed once by the build (toolkit/publish/xslt.py): a pointer into one of them is
       resolved in it, not by parsing its file again with doc(). -->
  <xsl:param name="f:documents" as="document-node()*" select="()"/>
  <xsl:variable name="f:document-at" as="map(xs:string, document-node())"
    select="map:merge($f:documents ! map:entry(string(base-uri(.)), .), map{'duplicates': 'use-first'})"/>

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
      else if (map:contains($f:document-at, $uri)) then key('id', $id, $f:document-at($uri))[1]
      else if (doc-available($uri)) then key('id', $id, doc($uri))[1]
      else ()"/>
  </xsl:function>

  <!-- The elements the pointers of an attribute (space-separated) reach, in its order. -->
  <xsl:function name="f:targets" as="element()*" visibility="public">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="tokenize($pointers) ! f:target(., $context)"/>
  </xsl:function>

  <!-- The ids the pointers of an attribute name, without their file part. -->
  <xsl:function name="f:ids" as="xs:string*" visibility="public">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:sequence select="tokenize($pointers)[contains(., '#')] ! substring-after(., '#')"/>
  </xsl:function>

  <!-- The id of the document a node belongs to (the prefix of its notes' and apparatus entries' ids): the root's
       xml:id, else the file name without .xml. -->
  <xsl:function name="f:document-id" as="xs:string" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string((root($node)/*/@xml:id,
      replace(tokenize(base-uri(root($node)), '/')[last()], '\.xml$', ''))[1])"/>
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

  <!-- A person's name as an index lists it, surname first: from surname and forename when the name is structured,
       else by moving the last word (before a suffix such as "Jr.") to the front. -->
  <xsl:function name="f:index-name" as="xs:string" visibility="public">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="name" as="element()?" select="$person/tei:persName[1]"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize(f:name($person))"/>
    <xsl:variable name="suffix" as="xs:string?" select="$words[last()][matches(., '^(Jr\.?|Sr\.?|I{2,3}|IV),?$')]"/>
    <xsl:variable name="rest" as="xs:string*" select="if ($suffix) then $words[position() lt last()] else $words"/>
    <!-- a generational suffix written inside the surname ("Anderson Jr.") goes last: "Anderson, Rudolf, Jr." -->
    <xsl:variable name="surname" as="xs:string" select="normalize-space($name/tei:surname[1])"/>
    <!-- or encoded as a generational addName: "Anderson, Rudolf, Jr." -->
    <xsl:variable name="generation" as="xs:string?" select="(normalize-space($name/tei:addName[@type =
      'generational'][1])[. != ''], replace($surname, '^.*\s(Jr\.?|Sr\.?|I{2,3}|IV)$', '$1')[. != $surname])[1]"/>
    <xsl:sequence select="if ($name/tei:surname)
      then normalize-space(string-join((
        if ($generation and ends-with($surname, ' ' || $generation))
        then substring($surname, 1, string-length($surname) - string-length($generation) - 1)
        else $surname, string-join($name/tei:forename, ' '), $generation)[normalize-space(.)], ', '))
      else if (count($rest) lt 2) then f:name($person)
      else $rest[last()] || ', ' || string-join(($rest[position() lt last()], $suffix), ' ')"/>
  </xsl:function>

  <!-- The key an index sorts an authority entry by, without case: a person's name as the index lists it (surname
       first), any other entry's name. -->
  <xsl:function name="f:sort-key" as="xs:string" visibility="public">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="lower-case(if ($entry/self::tei:person) then f:index-name($entry) else f:name($entry))"/>
  </xsl:function>

  <!-- The name of whoever is responsible (a person, an org, a respStmt: "resp: name"). -->
  <xsl:function name="f:responsible" as="xs:string" visibility="public">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::tei:respStmt)
      then normalize-space(string-join(($entry/tei:resp, ($entry/tei:name, $entry/tei:persName,
           $entry/tei:orgName)[1]) ! string(.), ': '))
      else f:name($entry)"/>
  </xsl:function>

  <!-- True when a gap is a redaction: its @reason or @type names one (the words of toolkit's redaction list). -->
  <xsl:function name="f:is-redaction" as="xs:boolean" visibility="public">
    <xsl:param name="gap" as="element()"/>
    <xsl:sequence select="some $value in ($gap/@reason, $gap/@type) satisfies
      matches($value, 'redact|censor|sanitiz|sanitis|classif|excised|withheld|whited|blacked', 'i')"/>
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

  <!-- The siglum of a witness: its abbr of type siglum, else its abbr, else its @n, else its xml:id. -->
  <xsl:function name="f:siglum" as="xs:string" visibility="public">
    <xsl:param name="witness" as="element()"/>
    <xsl:sequence select="normalize-space(($witness/tei:abbr[@type = 'siglum'], $witness/tei:abbr, $witness/@n,
      $witness/@xml:id)[1])"/>
  </xsl:function>

  <!-- The siglum a pointer in @wit gives: its witness's, else the pointer's id (a bare siglum stays as written). -->
  <xsl:function name="f:siglum" as="xs:string" visibility="public">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="witness" as="element()?" select="f:target($pointer, $context)"/>
    <xsl:sequence select="if ($witness) then f:siglum($witness)
      else if (contains($pointer, '#')) then substring-after($pointer, '#') else $pointer"/>
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

  <!-- True where a word token (w, pc) follows another with nothing between them: the encoding implies a space
       ("<w>εν</w><w>εφεσω</w>" reads "εν εφεσω"), except before punctuation, after an opening mark ("(", "“", a pc
       with @pre) and where @join joins the two. Text between tokens is the encoding's own: nothing is added then. -->
  <xsl:function name="f:space-before" as="xs:boolean" visibility="public">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="before" as="node()?" select="$token/preceding-sibling::node()[1]"/>
    <xsl:variable name="previous" as="element()?"
      select="$before[. instance of element()]/descendant-or-self::*[self::tei:w or self::tei:pc][last()]"/>
    <xsl:sequence select="exists($previous) and not(f:opens($previous)) and ($token/self::tei:w or f:opens($token))
      and not($token/@join = ('left', 'both')) and not($previous/@join = ('right', 'both'))"/>
  </xsl:function>

  <!-- True for punctuation that opens what follows it: @pre="true", or an opening bracket or quotation mark. -->
  <xsl:function name="f:opens" as="xs:boolean" visibility="public">
    <xsl:param name="token" as="element()"/>
    <xsl:sequence select="exists($token/self::tei:pc[@pre = 'true' or matches(normalize-space(.), '^[\p{Ps}\p{Pi}¿¡]+$')])"/>
  </xsl:function>

  <!-- The words of an element as one line of text, with the spaces word tokens imply (f:space-before). -->
  <xsl:function name="f:plain-text" as="xs:string" visibility="public">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="normalize-space(string-join(for $node in $element/node() return
      if ($node instance of element()) then (if ($node[self::tei:w or self::tei:pc] and f:space-before($node))
        then ' ' else '') || f:plain-text($node) else string($node)))"/>
  </xsl:function>

  <!-- A finding for the build report: code|level|document|path|text (see toolkit/publish/xslt.py). -->
  <xsl:function name="f:report" as="xs:string" visibility="public">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="node" as="node()"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="string-join(($code, 'warning', base-uri($node), path($node), $text), '|')"/>
  </xsl:function>
</xsl:stylesheet>
