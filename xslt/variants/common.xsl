<?xml version="1.0" encoding="UTF-8"?>
<!-- Functions shared by the variants report's stylesheets (HTML and TEI). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:function"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/functions.xsl"/>

  <!-- "p 12 (dobrynin-cable-p12), line 87" -->
  <xsl:function name="f:variant-location" as="xs:string">
    <xsl:param name="location" as="map(*)"/>
    <xsl:variable name="where" as="xs:string" select="string-join(($location?block, $location?n), ' ')"/>
    <xsl:variable name="named" as="xs:string"
      select="if (exists($location?id)) then normalize-space($where || ' (' || $location?id || ')') else $where"/>
    <xsl:sequence select="if ($named) then $named || ', line ' || $location?line else 'line ' || $location?line"/>
  </xsl:function>

  <xsl:function name="f:variant-summary" as="xs:string">
    <xsl:param name="s" as="map(*)"/>
    <xsl:sequence select="$s?files || ' files, ' || $s?entries || ' apparatus entries, ' || $s?witnesses
      || ' witnesses; ' || $s?quotations || ' quotations checked: ' || $s?confirmed || ' confirmed, '
      || $s?unrecorded || ' unrecorded, ' || $s?stale || ' stale; ' || $s?interventions || ' editorial interventions.'"/>
  </xsl:function>
</xsl:stylesheet>
