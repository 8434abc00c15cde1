<?xml version="1.0" encoding="UTF-8"?>
<!-- The phrase level of a TEI text as HTML, in mode "text" (declared in text.xsl, which includes this): highlighting,
     tokens, names, dates, supplied text, omissions, corrections, quotations, references, citations, figures. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <!-- Phrase level -->
  <!-- Highlighting: bold strong, superscript sup, subscript sub, italic (or none said) em; a hi's other renditions
       (FRUS's smallcaps, underline...) a span; a hi's @rend words are classes the stylesheet styles. -->
  <xsl:template match="tei:hi | tei:emph | tei:mentioned | tei:term | tei:foreign | tei:distinct" mode="text">
    <xsl:variable name="rend" as="xs:string" select="string((@rend, @rendition)[1])"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize($rend)[matches(., '^[A-Za-z][\w-]*$')]"/>
    <xsl:element name="{if (contains($rend, 'bold')) then 'strong' else if (self::tei:hi and
      matches($rend, 'sup|super')) then 'sup' else if (self::tei:hi and matches($rend, '^sub|\ssub')) then 'sub'
      else if (self::tei:hi and exists($words) and not(matches($rend, 'italic'))) then 'span' else 'em'}">
      <xsl:attribute name="class" select="string-join((local-name(), $words[current()/self::tei:hi]), ' ')"/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:gi | tei:att | tei:val | tei:tag | tei:ident | tei:code" mode="text">
    <code class="{local-name()}"><xsl:value-of select="if (self::tei:gi) then '&lt;' || . || '&gt;'
      else if (self::tei:att) then '@' || . else ."/></code>
  </xsl:template>

  <xsl:template match="tei:title" mode="text">
    <cite class="title"><xsl:apply-templates mode="text"/></cite>
  </xsl:template>

  <xsl:template match="tei:seg | tei:s | tei:w | tei:c | tei:pc | tei:cit | tei:said | tei:q | tei:soCalled
    | tei:measure | tei:num | tei:roleName | tei:forename | tei:surname | tei:addName | tei:genName
    | tei:author | tei:editor | tei:publisher | tei:pubPlace | tei:biblScope | tei:citedRange | tei:idno
    | tei:unclear | tei:add | tei:addrLine | tei:address | tei:time | tei:signed | tei:salute | tei:opener
    | tei:closer | tei:dateline | tei:trailer | tei:epigraph | tei:byline | tei:docAuthor | tei:docTitle
    | tei:titlePart | tei:docDate | tei:docImprint | tei:docEdition | tei:label | tei:textLang | tei:respStmt | tei:resp"
    mode="text">
    <!-- a title page's parts and a dateline are blocks where they stand alone (f:block-name); an empty one is not
         shown there (FRUS's <byline/>) -->
    <xsl:variable name="block" as="xs:string?" select="f:block-name(.)"/>
    <xsl:if test="empty($block) or normalize-space(.) != '' or @xml:id or .//(tei:gap | tei:pb | tei:figure)">
      <xsl:element name="{($block, 'span')[1]}">
        <xsl:attribute name="class" select="string-join((local-name(), @type, if (@ana) then 'contested' else ()),
          ' ')"/>
        <xsl:apply-templates select="@xml:id" mode="id"/>
        <xsl:if test="@ana">
          <xsl:attribute name="data-points" select="string-join(tokenize(@ana) ! substring-after(., '#'), ' ')"/>
        </xsl:if>
        <xsl:apply-templates mode="text"/>
        <xsl:apply-templates select="@ana" mode="point-links"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- Word tokens: the space their encoding implies before a token given without one (f:space-before). -->
  <xsl:template match="tei:w | tei:pc" mode="text" priority="1">
    <xsl:if test="f:space-before(.)"><xsl:text> </xsl:text></xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <!-- A passage on a contested point links to the comparison of the accounts on that point. -->
  <xsl:template match="@ana" mode="point-links">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="owner" as="element()" select=".."/>
    <xsl:for-each select="tokenize(.) ! f:target(., $owner)[self::tei:category]">
      <xsl:if test="not($excerpt) and not(f:in-link($owner))">
        <a class="point-link" href="compare.html#{@xml:id}" title="Contested point: {f:name(.)} (the accounts compared)"
          data-pagefind-ignore="all"><span aria-hidden="true">↔</span><span class="visually-hidden"><xsl:value-of
          select="'(contested point: ' || f:name(.) || '; the accounts compared)'"/></span></a>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:del" mode="text">
    <del class="del"><xsl:apply-templates mode="text"/></del>
  </xsl:template>

  <!-- Names: a link to the index entry (never a link inside a link). -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name | tei:geogName" mode="text">
    <xsl:variable name="entry" as="element()?" select="(tokenize(@ref)[1] ! f:target(., current()))[1]"/>
    <xsl:variable name="page" as="xs:string?" select="$entry ! f:index-page(.)"/>
    <xsl:choose>
      <xsl:when test="exists($page) and not(f:in-link(.))">
        <a class="name {local-name($entry)}" href="{$page}#{$entry/@xml:id}" title="{f:name($entry)}{
          f:identification-flag(., $entry)}">
          <xsl:apply-templates mode="text"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name {local-name()}"><xsl:apply-templates mode="text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Dates: the text as written, the normalised value in datetime and on hover. -->
  <xsl:template match="tei:date" mode="text">
    <xsl:variable name="value" as="xs:string" select="f:date-value(.)"/>
    <xsl:variable name="key" as="xs:string" select="f:date-key(.)"/>
    <xsl:choose>
      <xsl:when test="$key != '' and f:is-datetime($key)">
        <time class="date" datetime="{$key}" title="{if (contains($value, ' – ')) then 'between ' ||
          string-join(tokenize($value, ' – ') ! f:date-label(.), ' and ') else f:date-label($value)}{
          f:date-bound(.)}{@cert[. = ('medium', 'low')] ! (' (the editors’ inference, certainty: ' || . || ')')}"><xsl:apply-templates mode="text"/></time>
      </xsl:when>
      <xsl:otherwise><span class="date"><xsl:apply-templates mode="text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What an open bound means: " (or before)" for a value that is only an upper bound, and so on. -->
  <xsl:function name="f:date-bound" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="if ($date/@when or ($date/(@from, @notBefore) and $date/(@to, @notAfter))) then ''
      else if ($date/@notAfter) then ' (or before: the text gives no earlier bound)'
      else if ($date/@to) then ' (until then: the text gives no start)'
      else if ($date/@notBefore) then ' (or after: the text gives no later bound)'
      else if ($date/@from) then ' (from then: the text gives no end)' else ''"/>
  </xsl:function>

  <!-- Supplied text in square brackets; who supplied it and why on hover. -->
  <xsl:template match="tei:supplied" mode="text">
    <xsl:variable name="resp" as="element()?" select="(tokenize(@resp)[1] ! f:target(., current()))[1]"/>
    <span class="supplied" title="{string-join(('supplied', @reason ! ('(' || replace(., '-', ' ') || ')'),
      $resp ! ('by ' || f:responsible(.))), ' ')}">[<xsl:apply-templates mode="text"/>]</span>
  </xsl:template>

  <!-- Omissions as an ellipsis, redactions as what, how much and by whom; the reason shows on hover and focus. -->
  <xsl:template match="tei:gap" mode="text">
    <xsl:variable name="agent" as="element()?" select="(tokenize(@resp)[1] ! f:target(., current()))[1]"/>
    <xsl:variable name="extent" as="xs:string?"
      select="if (@quantity) then @quantity || ' ' || @unit || (if (number(@quantity) != 1) then 's' else '')
              else @extent"/>
    <xsl:variable name="redaction" as="xs:boolean" select="f:is-redaction(.)"/>
    <span class="{if ($redaction) then 'redaction' else 'gap'}" tabindex="0">
      <xsl:choose>
        <xsl:when test="$redaction">
          <span aria-hidden="true">▮▮▮</span> redacted<xsl:value-of select="$extent ! (': ' || .)"/>
          <xsl:value-of select="$agent ! (', ' || ('presumably '[current()/@cert = ('medium', 'low')]) || 'by '
            || f:responsible(.))"/>
        </xsl:when>
        <xsl:otherwise>…</xsl:otherwise>
      </xsl:choose>
      <xsl:variable name="reason" as="xs:string" select="if ($redaction) then normalize-space(tei:desc) else
        string-join((string-join(('omitted', @reason[not(. = ('omitted', 'omission'))] ! ('(' || replace(., '-', ' ')
          || ')'), $agent ! ('by ' || f:responsible(.))), ' '), $extent, normalize-space(tei:desc))[. != ''], '; ')"/>
      <xsl:if test="$reason != ''"><span class="gap-reason" data-pagefind-ignore="all"><xsl:value-of select="$reason"/></span></xsl:if>
    </span>
  </xsl:template>

  <!-- sic/corr, orig/reg, abbr/expan: both kept. The edited reading (the default) shows an error of our
       transcription corrected and an error of the original as printed, flagged, with the correction on hover; the
       switch shows the transcription exactly (every sic). f:error-kind gives the class the stylesheet keys on. -->
  <!-- Search indexes the reading the page shows by default (the other is the switch's, or the hover's). -->
  <xsl:template match="tei:choice" mode="text">
    <span class="choice {f:error-kind(.)}"><xsl:apply-templates mode="text"/></span>
  </xsl:template>
  <xsl:template match="tei:choice/tei:sic | tei:choice/tei:orig | tei:choice/tei:abbr" mode="text">
    <xsl:variable name="kind" as="xs:string" select="f:error-kind(..)"/>
    <xsl:variable name="correction" as="xs:string" select="normalize-space(string-join(../(tei:corr | tei:reg |
      tei:expan)[1]//text()))"/>
    <xsl:variable name="label" as="xs:string" select="map{'error-original': 'sic (so printed in the original);
      corrected:', 'error-transcription': 'as transcribed; corrected:'}($kind) => normalize-space()"/>
    <span class="diplomatic {local-name()}" title="{($label[. != ''], 'corrected:')[1]} {($correction[. != ''],
      '(deleted)')[1]}{f:certainty-note(../tei:corr[1])}"><xsl:if test="$kind = 'error-transcription'"><xsl:attribute
      name="data-pagefind-ignore" select="'all'"/></xsl:if><xsl:apply-templates mode="text"/></span>
  </xsl:template>
  <xsl:template match="tei:choice/tei:corr | tei:choice/tei:reg | tei:choice/tei:expan" mode="text">
    <xsl:variable name="printed" as="xs:string" select="normalize-space(string-join(../(tei:sic | tei:orig |
      tei:abbr)[1]//text()))"/>
    <xsl:variable name="label" as="xs:string" select="if (f:error-kind(..) = 'error-transcription') then
      'corrected (an error of the transcription); the transcription reads:' else 'as printed:'"/>
    <span class="corrected {local-name()}" title="{string-join(($label, ($printed[. != ''], '(nothing)')[1]), ' ')}{
      f:certainty-note(self::tei:corr)}"><xsl:if test="f:error-kind(..) != 'error-transcription'"><xsl:attribute
      name="data-pagefind-ignore" select="'all'"/></xsl:if><xsl:apply-templates mode="text"/></span>
  </xsl:template>

  <!-- The kind of error a choice corrects: error-transcription (ours, corrected by default), error-original (the
       source's, kept as printed), or other (orig/reg, abbr/expan, an untyped corr: kept as printed). -->
  <xsl:function name="f:error-kind" as="xs:string" visibility="public">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="if ($choice/tei:corr[@type = 'transcription']) then 'error-transcription'
      else if ($choice/tei:corr[@type = 'original']) then 'error-original' else 'other'"/>
  </xsl:function>

  <!-- "(certainty: low)" when a correction or an identification is not certain. -->
  <xsl:function name="f:certainty-note" as="xs:string" visibility="public">
    <xsl:param name="element" as="element()?"/>
    <xsl:sequence select="string($element/@cert[. = ('medium', 'low', 'unknown')] ! (' (certainty: ' || . || ')'))"/>
  </xsl:function>

  <xsl:template match="tei:sic | tei:orig | tei:abbr | tei:expan | tei:reg" mode="text">
    <span class="{local-name()}"><xsl:apply-templates mode="text"/></span>
  </xsl:template>
  <xsl:template match="tei:corr" mode="text">
    <span class="corr-alone">[<xsl:apply-templates mode="text"/>]</span>
  </xsl:template>

  <!-- A quotation of a passage of the edition links to it. -->
  <xsl:template match="tei:quote" mode="text">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="passage" as="element()?" select="(tokenize(@source)[1] ! f:target(., current()))[1]"/>
    <span class="quote"><xsl:apply-templates select="@xml:id" mode="id"/><xsl:apply-templates mode="text"/></span>
    <xsl:if test="$passage[@xml:id][root()/*/tei:text] and not($excerpt) and not(f:in-link(.))">
      <a class="quote-source" href="{f:page($passage)}#{$passage/@xml:id}"
        title="The passage quoted: {f:title(root($passage)/*)}" data-pagefind-ignore="all"><span aria-hidden="true">↗</span><span
          class="visually-hidden">(the passage quoted, in <xsl:value-of select="f:title(root($passage)/*)"/>)</span></a>
    </xsl:if>
  </xsl:template>

  <!-- A reference links to a page of the site (a text, an index entry) or to the web; otherwise it is text. -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]" mode="text">
    <xsl:variable name="target" as="xs:string" select="tokenize(@target)[1]"/>
    <xsl:variable name="element" as="element()?" select="f:target($target, .)"/>
    <xsl:variable name="href" as="xs:string?" select="
      if (matches($target, '^(https?|mailto):')) then $target
      else if ($element ! f:index-page(.)) then f:index-page($element) || '#' || $element/@xml:id
      else if ($element[root()/*/tei:text][not(root()/*//tei:standOff)]) then f:page($element) || '#' || $element/@xml:id
      else ()"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not(f:in-link(.))">
        <a class="{local-name()}" href="{$href}"><xsl:apply-templates mode="text"/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:apply-templates mode="text"/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Said after a name on hover when linking the mention to its entry is the editors' identification (the mention's
       @cert, or an identification note of the entry): " (identification ours, certainty: medium)". -->
  <xsl:function name="f:identification-flag" as="xs:string" visibility="public">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="cert" as="xs:string*" select="($mention/@cert, $entry/tei:note[@type = 'identification']/
      (@cert, 'unknown')[1]) ! string()"/>
    <xsl:sequence select="if (empty($cert)) then '' else ' (identification ours, certainty: ' || $cert[1] || ')'"/>
  </xsl:function>

  <!-- True inside an element the website renders as a link (HTML forbids a link inside a link). -->
  <xsl:function name="f:in-link" as="xs:boolean" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::*[self::tei:ref[@target] or self::tei:ptr or
      (@ref and (self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:rs or self::tei:name
      or self::tei:geogName))])"/>
  </xsl:function>

  <!-- A bibliographic citation in the text (the source line under an account). -->
  <xsl:template match="tei:bibl | tei:biblStruct | tei:listBibl" mode="text">
    <xsl:element name="{if (parent::tei:div or parent::tei:body or parent::tei:back or parent::tei:front)
      then 'p' else 'span'}">
      <xsl:attribute name="class" select="'bibl'"/>
      <xsl:apply-templates select="@xml:id" mode="id"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:figure" mode="text">
    <span class="figure"><xsl:apply-templates mode="text"/>
      <xsl:value-of select="tei:figDesc ! (' [figure: ' || normalize-space(.) || ']')"/></span>
  </xsl:template>
  <xsl:template match="tei:graphic" mode="text"/>

</xsl:stylesheet>
