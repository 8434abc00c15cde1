<?xml version="1.0" encoding="UTF-8"?>
<!-- Lookups of the print output alone (pointers, names and document ids are xslt/common's; sigla the model's). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:function"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Who a @resp names: each authority's name (xslt/common's f:responsible), or the id itself (hyphens as spaces)
       when the pointer reaches nothing. -->
  <xsl:function name="f:responsible-names" as="xs:string*">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:for-each select="tokenize($pointers)">
      <xsl:variable name="target" as="element()?" select="f:target(., $context)"/>
      <xsl:sequence select="if ($target) then f:responsible($target) else replace(replace(., '^.*#', ''), '-', ' ')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A witness's siglum as the edition model gives it ($sigla: by the pointer file#id, else by the bare id), else its
       id. -->
  <xsl:function name="f:witness-siglum" as="xs:string">
    <xsl:param name="witness" as="element()"/>
    <xsl:variable name="id" as="xs:string" select="string($witness/@xml:id)"/>
    <xsl:variable name="file" as="xs:string?" select="tokenize(string(base-uri(root($witness))), '/')[last()]"/>
    <xsl:sequence select="($sigla($file || '#' || $id), $sigla($id), $id)[1]"/>
  </xsl:function>

  <!-- The siglum a pointer in @wit gives: its witness's, else the pointer's id (a bare siglum stays as written). -->
  <xsl:function name="f:cited-siglum" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="witness" as="element()?" select="f:target($pointer, $context)"/>
    <xsl:sequence select="if ($witness) then f:witness-siglum($witness)
      else if (contains($pointer, '#')) then substring-after($pointer, '#') else $pointer"/>
  </xsl:function>

  <!-- The anchor id of a mention, stable across runs: the nearest identified ancestor's id (else the document's) and
       the mention's ordinal within it; counted within that block, so that long documents stay linear. -->
  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="block" as="element()?" select="$mention/ancestor::*[@xml:id][1]"/>
    <xsl:variable name="scope" as="node()" select="($block, root($mention))[1]"/>
    <xsl:sequence select="($block/@xml:id, f:document-id($mention))[1] || '-m'
      || index-of($scope//*[@ref] ! generate-id(), generate-id($mention))"/>
  </xsl:function>

  <!-- Shorten a long lemma for the apparatus: "first two … last". -->
  <xsl:function name="f:short-lemma" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize(normalize-space($text))"/>
    <xsl:sequence select="if (count($words) le 4) then normalize-space($text)
      else string-join(($words[1], $words[2], '…', $words[last()]), ' ')"/>
  </xsl:function>

  <!-- Typographic quotation marks for a title written with straight ones (headers are typed on keyboards): an opening
       mark at the start or after a space or bracket, a closing mark (or apostrophe) elsewhere. The texts themselves
       keep the marks their sources print. -->
  <xsl:function name="f:typographic-quotes" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="$text => replace('(^|[\s(\[])&quot;', '$1“') => replace('&quot;', '”')
      => replace(&quot;(^|[\s(\[])'&quot;, '$1‘') => replace(&quot;'&quot;, '’')"/>
  </xsl:function>

  <!-- A title short enough for one line of the running head beside the folio: a long title is cut to its part
       before the colon (and its last part after a dash: "… — Introduction"), else at a word, with an ellipsis. -->
  <xsl:function name="f:running-head" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="limit" as="xs:integer" select="64"/>
    <xsl:variable name="main" as="xs:string" select="if (contains($title, ': ')) then substring-before($title, ': ')
      || (if (contains($title, ' — ')) then ' — ' || replace($title, '^.* — ', '') else '') else $title"/>
    <xsl:sequence select="if (string-length($title) le $limit) then $title
      else if (string-length($main) le $limit) then $main
      else replace(substring($main, 1, $limit - 1), '\s+\S*$', '') || '…'"/>
  </xsl:function>

  <!-- What a lemma that is a lone punctuation mark (".", "'") is printed with, as printed editions do ("alone.] alone,
     ed.", not ".] , ed."): the word before it in its block as the text prints it, or, at the start of a block, the
     word after it (returned as before, after); two empty strings for any other lemma. -->
  <xsl:function name="f:lemma-context" as="xs:string+">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="lemma" as="xs:string"/>
    <xsl:variable name="scope" as="node()" select="(f:block($element), root($element))[1]"/>
    <xsl:variable name="printed" as="text()*" select="if (not(matches(normalize-space($lemma), '^\p{P}+$'))) then ()
      else $scope//text()[not(ancestor::*[self::note or self::rdg or self::corr or self::reg or self::expan
        or self::desc or self::witDetail or self::interp or self::interpGrp])]"/>
    <xsl:variable name="before" as="xs:string" select="string-join($printed[. &lt;&lt; $element])"/>
    <xsl:variable name="after" as="xs:string"
      select="string-join($printed[. >> $element][not(ancestor::* intersect $element)])"/>
    <xsl:sequence select="if (matches($before, '\S\s*$')) then (replace($before, '^.*?(\S+\s*)$', '$1', 's'), '')
      else if (matches($after, '^\s*\S')) then ('', replace($after, '^(\s*\S+).*$', '$1', 's'))
      else ('', '')"/>
  </xsl:function>
</xsl:stylesheet>
