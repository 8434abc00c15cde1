<?xml version="1.0" encoding="UTF-8"?>
<!-- A person's life dates for an index entry, from birth and death with their normalised values: "1917–1963",
     "d. 1968", "d. by 1974", "b. 1925". Shared by the website and the print edition. No presentation here. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" exclude-result-prefixes="#all">

  <!-- The life dates of a person (any element with tei:birth or tei:death children), or () when none is dated. -->
  <xsl:function name="f:life" as="xs:string?" visibility="public">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="born" as="xs:string?" select="f:life-event($person/tei:birth[1])"/>
    <xsl:variable name="died" as="xs:string?" select="f:life-event($person/tei:death[1])"/>
    <xsl:sequence select="
      if (exists($born) and exists($died))
      then (if (matches($born || $died, '^-?\d+-?\d+$')) then $born || '–' || $died
            else 'b. ' || $born || ', d. ' || $died)
      else if (exists($born)) then 'b. ' || $born
      else if (exists($died)) then 'd. ' || $died
      else ()"/>
  </xsl:function>

  <!-- The year of a birth or death, qualified when the source only bounds it: "1968", "by 1974", "after 1962". -->
  <xsl:function name="f:life-event" as="xs:string?">
    <xsl:param name="event" as="element()?"/>
    <xsl:variable name="after" as="xs:string?" select="$event/(@notBefore, @from)[1] ! f:year(.)"/>
    <xsl:variable name="before" as="xs:string?" select="$event/(@notAfter, @to)[1] ! f:year(.)"/>
    <xsl:sequence select="
      if ($event/@when) then f:year($event/@when)
      else if (exists($after) and exists($before))
      then (if ($after = $before) then $after else $after || '/' || $before)
      else if (exists($before)) then 'by ' || $before
      else if (exists($after)) then 'after ' || $after
      else ()"/>
  </xsl:function>

  <xsl:function name="f:year" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="replace($value, '^(-?\d{4,}).*$', '$1')"/>
  </xsl:function>
</xsl:stylesheet>
