/**
 * The page the previews are drawn on: the official adaptivecards renderer, Teams-like
 * button and input styles, and one in-page function that parses, validates and renders a
 * card. The function lives in the page as plain script (not a serialised Node function) so
 * that test coverage instrumentation can never leak into the browser.
 */
export const PREVIEW_PAGE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Adaptive Card preview</title>
<link rel="stylesheet" href="/adaptivecards.css">
<style>
  /* Roboto, the font Teams on Android draws cards in, served from node_modules: phone heights are measured in it. */
  @font-face { font-family: Roboto; font-weight: 400; src: url(/fonts/roboto-latin-400-normal.woff2) format("woff2"); }
  @font-face { font-family: Roboto; font-weight: 600; src: url(/fonts/roboto-latin-600-normal.woff2) format("woff2"); }
  @font-face { font-family: Roboto; font-weight: 700; src: url(/fonts/roboto-latin-700-normal.woff2) format("woff2"); }
  html, body { margin: 0; background: #F5F5F5; }
  /* Buttons and inputs do not inherit the card's font in browsers; Teams draws them in the card font. */
  .ac-pushButton, .ac-input, .ac-input * { font-family: 'Segoe UI', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'Liberation Sans', 'DejaVu Sans', sans-serif; }
  #frame { display: inline-block; padding: 12px; background: #F5F5F5; }
  #stage { background: #FFFFFF; border-radius: 6px; overflow: hidden;
           box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); }
  /* Teams draws buttons as neutral outlined buttons, "positive" in the brand colour and "destructive" in red text. */
  .ac-pushButton { min-height: 32px; padding: 5px 12px; border-radius: 4px;
                   background: #FFFFFF; color: #242424; border: 1px solid #D1D1D1; }
  .ac-pushButton:hover { background: #F5F5F5; color: #242424; border: 1px solid #C7C7C7; }
  .ac-pushButton.style-positive { background: #5B5FC7; color: #FFFFFF; border: 1px solid #5B5FC7; }
  .ac-pushButton.style-destructive { background: #FFFFFF; color: #C4314B; border: 1px solid #D1D1D1; }
  /* Teams draws each radio button and checkbox as a row at least 32px high that takes the touch. */
  .ac-choiceSetInput-expanded > div, .ac-choiceSetInput-multiSelect > div, .ac-toggleInput { min-height: 32px; align-items: center; }
  .ac-textInput, .ac-multichoiceInput { border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; padding: 6px 8px; }
</style>
<script src="/adaptivecards.min.js"></script>
<script>
  // Keys the renderer's schema does not list: the schema link, Teams' own extension, and the
  // child collections that containers parse themselves.
  var EXTRA_PROPERTIES = { "$schema": true, "type": true, "msteams": true };
  var COLLECTIONS = {
    "AdaptiveCard": ["body", "actions"],
    "Container": ["items"],
    "Column": ["items"],
    "ColumnSet": ["columns"],
    "ActionSet": ["actions"],
    "RichTextBlock": ["inlines"]
  };

  function schemaNames(instance) {
    var names = {};
    var schema = instance.getSchema();
    for (var i = 0; i < schema.getCount(); i++) names[schema.getItemAt(i).name] = true;
    return names;
  }

  function instanceFor(AC, type) {
    if (type === "AdaptiveCard") return new AC.AdaptiveCard();
    if (type === "Column") return new AC.Column();
    if (type === "TextRun") return new AC.TextRun();
    var registry = type.indexOf("Action.") === 0 ? AC.GlobalRegistry.actions : AC.GlobalRegistry.elements;
    return registry.createInstance(type, AC.Versions.v1_5);
  }

  // The renderer silently ignores property names it does not know (a typo such as "wraps");
  // Teams does too, so the card quietly looks wrong. Check them against the renderer's schema.
  function unknownProperties(AC, json) {
    var problems = [];
    function visit(node, path) {
      if (Array.isArray(node)) { node.forEach(function (child, index) { visit(child, path + "[" + index + "]"); }); return; }
      if (!node || typeof node !== "object") return;
      if (typeof node.type === "string") {
        var instance = instanceFor(AC, node.type);
        if (instance) {
          var names = schemaNames(instance);
          (COLLECTIONS[node.type] || []).forEach(function (key) { names[key] = true; });
          Object.keys(node).forEach(function (key) {
            if (!names[key] && !EXTRA_PROPERTIES[key]) problems.push(path + ": unknown property \"" + key + "\" on " + node.type);
          });
        }
      }
      Object.keys(node).forEach(function (key) {
        // Action data is the bot's own payload, not card structure.
        if (key !== "data" && key !== "msteams") visit(node[key], path + "." + key);
      });
    }
    visit(json, "$");
    return problems;
  }

  window.renderPreviewCard = function (json, hostConfig, width) {
    var AC = window.AdaptiveCards;
    var stage = document.getElementById("stage");
    stage.innerHTML = "";
    stage.style.width = width + "px";
    var errors = [];
    var warnings = [];
    var seen = {};
    function record(event) {
      var name = AC.ValidationEvent[event.event];
      var source = event.source && event.source.getJsonTypeName ? event.source.getJsonTypeName() + ": " : "";
      var text = name + ": " + source + event.message;
      if (seen[text]) return;
      seen[text] = true;
      var isWarning = event.event === AC.ValidationEvent.Hint || event.event === AC.ValidationEvent.Deprecated;
      (isWarning ? warnings : errors).push(text);
    }
    try {
      var version = String(json.version || "");
      var match = /^(\d+)\.(\d+)$/.exec(version);
      if (!match || Number(match[1]) > 1 || (Number(match[1]) === 1 && Number(match[2]) > 5)) {
        errors.push("UnsupportedCardVersion: card version \"" + version + "\" is not 1.5 or lower (Teams renders 1.5)");
      }
      var card = new AC.AdaptiveCard();
      card.hostConfig = new AC.HostConfig(hostConfig);
      card.maxVersion = AC.Versions.v1_5;
      var context = new AC.SerializationContext(AC.Versions.v1_5);
      card.parse(json, context);
      for (var i = 0; i < context.eventCount; i++) record(context.getEventAt(i));
      card.validateProperties().validationEvents.forEach(record);
      unknownProperties(AC, json).forEach(function (problem) { errors.push("UnknownProperty: " + problem); });
      var rendered = card.render();
      if (!rendered) errors.push("Render: the renderer drew nothing (the card fell back)");
      else {
        stage.appendChild(rendered);
        // Teams cuts button titles that do not fit with an ellipsis, exactly like this renderer.
        stage.querySelectorAll(".ac-pushButton").forEach(function (button) {
          var parts = [button].concat(Array.prototype.slice.call(button.querySelectorAll("*")));
          var cut = parts.some(function (part) { return part.scrollWidth > part.clientWidth + 1; });
          if (cut) warnings.push("Truncated: the button \"" + button.textContent + "\" does not fit at " + width + "px");
        });
      }
    } catch (error) {
      errors.push("Exception: " + (error && error.stack ? error.stack : String(error)));
    }
    return { errors: errors, warnings: warnings };
  };

  // What a phone shows of the card as it was just rendered: its height, and text that wraps badly.
  // A word may wrap only after a hyphen or slash; a phone number or case code never wraps.
  window.measureLayout = function () {
    var stage = document.getElementById("stage");
    var range = document.createRange();
    function lines(node, start, end) {
      range.setStart(node, start);
      range.setEnd(node, end);
      var bottoms = {};
      Array.prototype.forEach.call(range.getClientRects(), function (rect) { if (rect.width > 0.5) bottoms[Math.round(rect.bottom)] = true; });
      return Object.keys(bottoms).length;
    }
    var brokenWords = [];
    var splitNumbers = [];
    var walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue;
      var word = /[^ \t\n\r]+/g;
      var match;
      while ((match = word.exec(text))) {
        var start = match.index;
        if (lines(node, start, start + match[0].length) < 2) continue;
        for (var k = 1; k <= match[0].length; k++) {
          if (lines(node, start, start + k) > 1) {
            var before = match[0].charAt(k - 2);
            if (before !== "-" && before !== "/" && before !== "\u2011") brokenWords.push(match[0]);
            break;
          }
        }
      }
      // A time range such as 08:30-17:00 is not a phone number: no digit beside a colon starts or ends one.
      var number = /(?<![\d:])\+?\d[\d \u00a0\-\u2011]{1,16}\d(?![\d:])|VK[-\u2011][A-Z0-9]{4}[-\u2011][A-Z0-9]{4}/gi;
      while ((match = number.exec(text))) {
        if (/\d.*\d.*\d/.test(match[0]) && lines(node, match.index, match.index + match[0].length) > 1) splitNumbers.push(match[0]);
      }
    }
    var clipped = [];
    stage.querySelectorAll(".ac-textBlock").forEach(function (element) {
      if (element.offsetParent !== null && element.scrollWidth > element.clientWidth + 1) clipped.push(element.textContent);
    });
    return {
      heightPx: Math.ceil(stage.getBoundingClientRect().height),
      headings: stage.querySelectorAll('[role="heading"], h1, h2, h3, h4, h5, h6').length,
      brokenWords: brokenWords,
      splitNumbers: splitNumbers,
      clipped: clipped
    };
  };
</script>
</head>
<body><div id="frame"><div id="stage"></div></div></body>
</html>
`;
