<?xml version="1.0" encoding="UTF-8"?>
<!-- The critical apparatus (markers opening the readings with their sigla), editorial notes, citation lines. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:x-edition:function" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml" exclude-result-prefixes="#all">

  <xsl:mode name="reading" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="notes" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The letter of the nth apparatus entry: a..z, then aa, ab... -->
  <xsl:function name="f:letter" as="xs:string" visibility="public">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n le 26) then codepoints-to-string(96 + $n)
      else f:letter(($n - 1) idiv 26) || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

  <!-- An apparatus entry: the lemma in the text, a lettered marker that opens the readings. -->
  <xsl:template match="tei:app" mode="text">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="n" as="xs:integer">
      <xsl:number level="any" count="tei:app" from="tei:TEI"/>
    </xsl:variable>
    <xsl:variable name="id" as="xs:string" select="f:document-id(.) || '-app' || $n"/>
    <span class="lem"><xsl:apply-templates select="tei:lem/node()" mode="text"/></span>
    <xsl:if test="not($excerpt)">
      <button type="button" class="app-marker" popovertarget="{$id}" aria-controls="{$id}"
        title="Apparatus entry {f:letter($n)}: other readings" data-pagefind-ignore="all">
        <span class="visually-hidden">apparatus entry </span><xsl:value-of select="f:letter($n)"/></button>
      <span class="app-entry" id="{$id}" popover="auto" role="note" data-pagefind-ignore="all">
        <span class="app-letter"><xsl:value-of select="f:letter($n)"/></span>
        <xsl:text> </xsl:text>
        <xsl:apply-templates select="tei:lem" mode="reading"/>
        <xsl:apply-templates select="tei:rdg | tei:rdgGrp/tei:rdg" mode="reading"/>
        <xsl:apply-templates select="tei:witDetail | tei:rdgGrp/tei:witDetail" mode="reading"/>
        <xsl:if test="@type"><span class="app-type"> (<xsl:value-of select="@type"/>)</span></xsl:if>
        <xsl:apply-templates select="tei:note" mode="reading"/>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lem | tei:rdg" mode="reading">
    <span class="reading {local-name()}">
      <xsl:if test="self::tei:rdg">; </xsl:if>
      <!-- a reading's number (teiphy's @n, which its relations name) -->
      <xsl:for-each select="@n">
        <span class="reading-n"><span class="visually-hidden">reading </span><xsl:value-of select="."/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <span class="reading-text">
        <xsl:choose>
          <xsl:when test="normalize-space(.) = ''"><em>om.</em></xsl:when>
          <xsl:otherwise><xsl:apply-templates mode="text">
            <xsl:with-param name="excerpt" select="true()" tunnel="yes"/></xsl:apply-templates></xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:if test="self::tei:lem">]</xsl:if>
      <xsl:sequence select="f:wit-sigla(.)"/>
      <!-- what kind of reading it is and why, as encoded ("defective; cause: parablepsis") -->
      <xsl:variable name="kind" as="xs:string*" select="(@type, @cause ! ('cause: ' || .)) ! replace(., '-', ' ')"/>
      <xsl:if test="exists($kind)">
        <span class="reading-kind"> (<xsl:value-of select="string-join($kind, '; ')"/>)</span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- The sigla of an element's @wit, each a space and an abbr (its witness on hover). -->
  <xsl:function name="f:wit-sigla" as="node()*" visibility="public">
    <xsl:param name="element" as="element()"/>
    <xsl:for-each select="tokenize($element/@wit)">
      <xsl:text> </xsl:text>
      <abbr class="siglum" title="{normalize-space(f:target(., $element))}">
        <xsl:value-of select="f:siglum(., $element)"/></abbr>
    </xsl:for-each>
  </xsl:function>

  <!-- What the apparatus says of witnesses that have no reading here: a lacuna (teiphy's type "lac": the witness is
       not extant), an ambiguous witness and the readings it may support, with its words if it has any. -->
  <xsl:template match="tei:witDetail" mode="reading">
    <xsl:variable name="app" as="element()" select="ancestor::tei:app[1]"/>
    <span class="wit-detail {@type}">
      <xsl:text>; </xsl:text>
      <span class="wit-detail-label"><xsl:value-of select="(map{'lac': 'lacuna', 'lacuna': 'lacuna', 'ambiguous':
        'ambiguous'}(string(@type)), replace(string(@type), '-', ' ')[. != ''], 'witness detail')[1]"/>
        <xsl:if test="@target"><xsl:value-of select="' between ' || f:reading-labels(@target, $app, ' and ')"/></xsl:if>
        <xsl:text>:</xsl:text></span>
      <xsl:sequence select="f:wit-sigla(.)"/>
      <xsl:if test="normalize-space(string-join(text() | (* except tei:certainty))) != ''">
        <xsl:text> — </xsl:text>
        <xsl:apply-templates select="node() except tei:certainty" mode="text">
          <xsl:with-param name="excerpt" select="true()" tunnel="yes"/></xsl:apply-templates>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- A note of the apparatus entry itself (a child of app: teiphy's relations between the readings) is part of
       its popup, not a footnote: it has no place in the text to mark. -->
  <xsl:template match="tei:note" mode="reading">
    <span class="app-note"><xsl:apply-templates mode="text">
      <xsl:with-param name="excerpt" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

  <!-- Relations between readings, in words. teiphy's types: "intrinsic" (the active reading is more probably the
       original than the passive), "transcriptional" (the active could have given rise to the passive); each with
       its reason, the interp its @ana points to. Another type says "→" and the relation's @name. -->
  <xsl:template match="tei:listRelation" mode="text">
    <span class="relations">
      <xsl:if test="@type"><span class="relations-type"><xsl:value-of select="upper-case(substring(@type, 1, 1))
        || replace(substring(@type, 2), '-', ' ')"/>:</span><xsl:text> </xsl:text></xsl:if>
      <xsl:for-each select="tei:relation">
        <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:apply-templates select="." mode="text"/>
      </xsl:for-each>
    </span>
  </xsl:template>
  <xsl:template match="tei:relation" mode="text">
    <xsl:variable name="app" as="element()?" select="ancestor::tei:app[1]"/>
    <xsl:variable name="verb" as="xs:string" select="(map{'intrinsic': 'more probably original than',
      'transcriptional': 'could have given rise to'}(string(../@type)), @name ! ('→ (' || . || ')'), '→')[1]"/>
    <xsl:variable name="reasons" as="xs:string*" select="tokenize(@ana) ! (f:target(., current()) !
      normalize-space(string-join(tei:p | self::*[not(tei:p)], ' ')), substring-after(., '#')[. != ''], .)[1]"/>
    <span class="relation">
      <xsl:value-of select="if (@mutual) then f:reading-labels(@mutual, $app, ' and ') || ' (' || (@name, 'mutual')[1]
        || ')' else string-join((@active ! f:reading-labels(., $app, ' or '), $verb, @passive ! f:reading-labels(.,
        $app, ' or ')), ' ')"/>
      <xsl:if test="exists($reasons)"><span class="relation-reason">: <xsl:value-of select="string-join($reasons,
        '; ')"/></span></xsl:if>
      <xsl:if test="not(matches(string-join($reasons), '[.!?]$'))">.</xsl:if>
    </span>
  </xsl:template>

  <!-- Readings an attribute names by their @n (teiphy) or by pointers: "reading 1 (εν εφεσω)", "reading 2 (om.)";
       what names no reading of the entry stays as written. -->
  <xsl:function name="f:reading-labels" as="xs:string" visibility="public">
    <xsl:param name="names" as="xs:string"/>
    <xsl:param name="app" as="element()?"/>
    <xsl:param name="conjunction" as="xs:string"/>
    <xsl:variable name="labels" as="xs:string*" select="for $name in tokenize($names) return
      (($app/(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg)[@n = $name or @xml:id = substring-after($name, '#')])[1]
      ! ('reading ' || (@n, $name)[1] || ' (' || (f:plain-text(.)[. != ''], 'om.')[1] || ')'), $name)[1]"/>
    <xsl:sequence select="if (count($labels) le 1) then string($labels) else string-join($labels[position() lt
      last()], ', ') || $conjunction || $labels[last()]"/>
  </xsl:function>

  <!-- A footnote (f:is-footnote) has a marker in the text and its place in the notes; other notes do not. -->
  <xsl:function name="f:is-footnote" as="xs:boolean" visibility="public">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="not($note/@place = 'inline' or tokenize($note/@rend) = 'inline' or $note/parent::tei:app)"/>
  </xsl:function>

  <!-- A note the source prints in the text (@place or @rend "inline": FRUS's source note "[Telegram.]" under a
       document's heading) is shown where it stands, as a block of its own outside a paragraph. -->
  <xsl:template match="tei:note[@place = 'inline' or tokenize(@rend) = 'inline']" mode="text" priority="1">
    <xsl:element name="{if (f:inline-context(.)) then 'span' else 'p'}">
      <xsl:attribute name="class" select="string-join(('note-inline', @type ! (. || '-note')), ' ')"/>
      <xsl:apply-templates select="@xml:id" mode="id"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>
  <!-- A note of an apparatus entry is in its popup (mode reading). -->
  <xsl:template match="tei:app/tei:note" mode="text" priority="2"/>

  <!-- Editorial notes: a numbered marker in the text; the note itself in the list at the end of the page. -->
  <xsl:template match="tei:note" mode="text">
    <xsl:param name="excerpt" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($excerpt)">
      <xsl:variable name="n" as="xs:integer" select="f:note-number(.)"/>
      <a class="note-ref" id="{f:document-id(.)}-noteref{$n}" href="#{f:note-id(.)}" role="doc-noteref"
        data-pagefind-ignore="all"
        title="Note {$n}: {substring(normalize-space(.), 1, 120)}">
        <span class="visually-hidden">note </span><xsl:value-of select="$n"/></a>
    </xsl:if>
  </xsl:template>

  <!-- A note's id in the page: its own xml:id (mentions in it link there), else numbered in its document. -->
  <xsl:function name="f:note-id" as="xs:string" visibility="public">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(($note/@xml:id, f:document-id($note) || '-note' || f:note-number($note))[1])"/>
  </xsl:function>

  <xsl:function name="f:note-number" as="xs:integer" visibility="public">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="count($note/preceding::tei:note[ancestor::tei:text][not(ancestor::tei:note)]
      [root(.) is root($note)][f:is-footnote(.)]) + 1"/>
  </xsl:function>

  <xsl:template match="tei:note" mode="notes">
    <xsl:variable name="n" as="xs:integer" select="f:note-number(.)"/>
    <li id="{f:note-id(.)}" class="{string-join(('note', @type), ' ')}" value="{$n}">
      <xsl:if test="@type"><span class="note-type"><xsl:value-of select="@type"/>: </span></xsl:if>
      <xsl:apply-templates mode="text"/>
      <xsl:text> </xsl:text>
      <a class="note-back" href="#{f:document-id(.)}-noteref{$n}" role="doc-backlink" data-pagefind-ignore="all"
        title="Back to the text">↩<span class="visually-hidden"> back to note <xsl:value-of
        select="$n"/> in the text</span></a>
    </li>
  </xsl:template>

  <xsl:template name="f:notes">
    <xsl:param name="text" as="element()*"/>
    <xsl:variable name="notes" as="element()*" select="$text//tei:note[not(ancestor::tei:note)][f:is-footnote(.)]"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        <ol><xsl:apply-templates select="$notes" mode="notes"/></ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- "How to cite this paragraph": a popup under the paragraph number, with a Chicago note (notes-bibliography
       style) and the same reference as CSL-JSON to download (Zotero, Mendeley and citeproc read it). -->
  <xsl:template name="f:cite-paragraph">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="n" as="xs:string"/>
    <xsl:variable name="doc" as="element()" select="root(.)/*"/>
    <xsl:variable name="url" as="xs:string" select="$f:base-url || f:page(.) || '#' || $id"/>
    <button type="button" class="cite-button" popovertarget="cite-{$id}" aria-controls="cite-{$id}"
      title="How to cite paragraph {$n}" data-pagefind-ignore="all">cite<span class="visually-hidden"> paragraph <xsl:value-of
      select="$n"/></span></button>
    <span class="cite-entry" id="cite-{$id}" popover="auto" role="note" data-pagefind-ignore="all">
      <span class="cite-label">How to cite this paragraph (Chicago, note):</span><xsl:text> </xsl:text>
      <span class="cite-text"><xsl:sequence select="f:chicago-note($doc, $n, $url)"/></span>
      <xsl:text> </xsl:text>
      <a class="cite-download" download="{$id}.json" type="application/vnd.citationstyles.csl+json"
        href="data:application/vnd.citationstyles.csl+json;charset=utf-8,{encode-for-uri(f:csl-json($doc, $n, $id,
        $url))}">Download as CSL-JSON<span class="visually-hidden"> (paragraph <xsl:value-of select="$n"
        />)</span></a>
    </span>
  </xsl:template>

  <!-- The authors of a document as a citation names them, each with the index entry its name points to. -->
  <xsl:function name="f:authors" as="map(xs:string, xs:string)*" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:for-each select="$doc/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author">
      <xsl:variable name="name" as="element()?" select="(tei:persName, tei:name, tei:orgName)[1]"/>
      <xsl:variable name="entry" as="element()?" select="$name/@ref ! f:target(tokenize(.)[1], $name)"/>
      <xsl:variable name="structured" as="element()?" select="$entry/tei:persName[tei:surname][1]"/>
      <xsl:sequence select="map:merge((
        map{'name': normalize-space(string-join(($name, .)[1]//text()))},
        $structured ! map{'family': normalize-space(tei:surname[1]), 'given': normalize-space(string-join(tei:forename,
          ' '))},
        $entry[self::tei:person] ! map{'inverted': f:index-name(.)}))"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A paragraph (or, without one, the whole text) in a Chicago note: "Author, “Title,” ¶ n, in Edition, ed. …,
       version 1.0 (4 December 2026), URL, accessed [date]." -->
  <xsl:function name="f:chicago-note" as="node()*" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:param name="n" as="xs:string?"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="edition" as="map(xs:string, xs:string*)" select="f:edition-record($doc)"/>
    <xsl:value-of select="(f:name-list(f:authors($doc) ! ?name)[. != ''] ! (. || ', ')) || '“' || f:title($doc)
      || ',” ' || ($n ! ('par. ' || . || ', ')) || 'in '"/>
    <cite class="title"><xsl:value-of select="$edition?title"/></cite>
    <xsl:value-of select="string-join(('', $edition?editors[1] ! ('ed. ' || f:name-list($edition?editors)),
      f:version-label($edition)[. != ''], ''), ', ')"/>
    <xsl:sequence select="f:url($url)"/>
    <xsl:text>, accessed [date of access].</xsl:text>
  </xsl:function>

  <!-- The same reference as CSL-JSON (one item: a chapter of the edition; the paragraph as its locator). -->
  <xsl:function name="f:csl-json" as="xs:string" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:param name="n" as="xs:string?"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="edition" as="map(xs:string, xs:string*)" select="f:edition-record($doc)"/>
    <xsl:variable name="released" as="xs:string*" select="tokenize($edition?released, '-')"/>
    <xsl:variable name="item" as="map(*)" select="map:merge((
      map{'id': $id, 'type': 'chapter', 'title': f:title($doc), 'container-title': $edition?title, 'URL': $url},
      map{'author': array{f:authors($doc) ! (if (exists(?family)) then map{'family': ?family, 'given': ?given}
        else map{'literal': ?name})}},
      $edition?editors[1] ! map{'editor': array{$edition?editors ! map{'literal': .}}},
      $edition?version ! map{'version': .},
      $released[1] ! map{'issued': map{'date-parts': array{array{$released ! xs:integer(.)}}}},
      $n ! map{'locator': ., 'label': 'paragraph'}))"/>
    <xsl:sequence select="serialize(array{$item}, map{'method': 'json', 'indent': false()})"/>
  </xsl:function>
  <!-- Where the site publishes a document's TEI file (toolkit/publish/html.py copies the sources there). -->
  <xsl:function name="f:tei-file" as="xs:string" visibility="public">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="'tei/' || tokenize(base-uri(root($node)), '/')[last()]"/>
  </xsl:function>

  <!-- A text as schema.org JSON-LD: a CreativeWork with its authors, date and kind, part of the edition (a Book). -->
  <xsl:function name="f:work-json-ld" as="map(*)" visibility="public">
    <xsl:param name="doc" as="element()"/>
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="edition" as="map(xs:string, xs:string*)" select="f:edition-record($doc)"/>
    <xsl:variable name="created" as="xs:string?" select="($doc/tei:teiHeader/tei:profileDesc/tei:creation//tei:date)[1]
      ! f:date-key(.)[. != '']"/>
    <xsl:sequence select="map:merge((
      map{'@context': 'https://schema.org', '@type': 'CreativeWork', 'name': f:title($doc),
        'inLanguage': string(($doc/@xml:lang, 'en')[1]),
        'author': array{f:authors($doc) ! map:merge((map{'@type': 'Person', 'name': ?name},
          ?family ! map{'familyName': .}, ?given ! map{'givenName': .}))},
        'encoding': map{'@type': 'MediaObject', 'encodingFormat': 'application/tei+xml',
          'contentUrl': $f:base-url || f:tei-file($doc)},
        'isPartOf': f:edition-json-ld($edition)},
      $url ! map{'@id': ., 'url': .},
      $created ! map{'dateCreated': .},
      (: the kind of text, where the header classifies it (textClass): the editors' classification :)
      $doc/tei:teiHeader/tei:profileDesc/tei:textClass ! f:kind($doc) ! map{'genre': .},
      $edition?licence-url ! map{'license': .}))"/>
  </xsl:function>
</xsl:stylesheet>
