/*
 * Turns the assistant's plain text into readable DOM: paragraphs, line breaks, bullet and numbered
 * lists, simple pipe tables, headings, **bold** and `code`. Everything is built with
 * createElement/textContent, never innerHTML, so text from the server can never become markup.
 */
(function () {
  'use strict';

  var BULLET = /^\s*(?:[-*•·])\s+(.*)$/;
  var NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;
  var HEADING = /^\s*#{1,4}\s+(.*)$/;
  var TABLE_ROW = /^\s*\|.*\|\s*$/;
  var TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
  var INLINE = /(\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`)/;

  /** Appends text with **bold**, __bold__ and `code` spans to a parent element. */
  function appendInline(parent, text) {
    var parts = text.split(INLINE);
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (!part) continue;
      var node;
      if ((part.indexOf('**') === 0 && part.lastIndexOf('**') === part.length - 2 && part.length > 4) ||
          (part.indexOf('__') === 0 && part.lastIndexOf('__') === part.length - 2 && part.length > 4)) {
        node = document.createElement('strong');
        node.textContent = part.slice(2, -2);
      } else if (part.charAt(0) === '`' && part.charAt(part.length - 1) === '`' && part.length > 2) {
        node = document.createElement('code');
        node.textContent = part.slice(1, -1);
      } else {
        node = document.createTextNode(part);
      }
      parent.appendChild(node);
    }
  }

  /** "Barcelona: 1.51 (66.2% implied)" — the price after a label is what people scan for. */
  var PRICED_ITEM = /^([^:]{1,80}):\s+(\d{1,4}\.\d{2})(?!\d)(.*)$/;

  function appendListItem(li, text) {
    var priced = PRICED_ITEM.exec(text);
    if (!priced || priced[1].indexOf('**') >= 0) {
      appendInline(li, text);
      return;
    }
    appendInline(li, priced[1] + ': ');
    var price = document.createElement('span');
    price.className = 'price';
    price.textContent = priced[2];
    li.appendChild(price);
    appendInline(li, priced[3]);
  }

  function splitCells(line) {
    var trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
    return trimmed.split('|').map(function (cell) {
      return cell.trim();
    });
  }

  function renderTable(lines) {
    var wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    var table = document.createElement('table');
    var rows = lines.filter(function (line) {
      return !TABLE_RULE.test(line);
    });
    var hasHeader = lines.length > 1 && TABLE_RULE.test(lines[1]);
    rows.forEach(function (line, rowIndex) {
      var section;
      if (rowIndex === 0 && hasHeader) {
        section = table.tHead || table.createTHead();
      } else {
        section = table.tBodies[0] || table.createTBody();
      }
      var tr = section.insertRow();
      splitCells(line).forEach(function (cell) {
        var el = document.createElement(rowIndex === 0 && hasHeader ? 'th' : 'td');
        if (rowIndex === 0 && hasHeader) el.scope = 'col';
        appendInline(el, cell);
        tr.appendChild(el);
      });
    });
    wrap.appendChild(table);
    return wrap;
  }

  /** Renders `text` into `container`, replacing what was there. Safe for partial (streaming) text. */
  function renderRichText(container, text) {
    var fragment = document.createDocumentFragment();
    var lines = String(text).replace(/\r\n?/g, '\n').split('\n');
    var paragraph = null;
    var list = null;
    var i = 0;

    function closeBlocks() {
      paragraph = null;
      list = null;
    }

    while (i < lines.length) {
      var line = lines[i];
      if (!line.trim()) {
        closeBlocks();
        i++;
        continue;
      }
      if (TABLE_ROW.test(line)) {
        var tableLines = [];
        while (i < lines.length && (TABLE_ROW.test(lines[i]) || TABLE_RULE.test(lines[i]))) {
          tableLines.push(lines[i]);
          i++;
        }
        closeBlocks();
        fragment.appendChild(renderTable(tableLines));
        continue;
      }
      var heading = HEADING.exec(line);
      if (heading) {
        closeBlocks();
        var h = document.createElement('p');
        h.className = 'rich-heading';
        appendInline(h, heading[1]);
        fragment.appendChild(h);
        i++;
        continue;
      }
      var bullet = BULLET.exec(line);
      var numbered = bullet ? null : NUMBERED.exec(line);
      if (bullet || numbered) {
        var tag = bullet ? 'UL' : 'OL';
        if (!list || list.tagName !== tag) {
          list = document.createElement(tag);
          if (numbered && numbered[1] !== '1') list.start = Number(numbered[1]);
          fragment.appendChild(list);
        }
        paragraph = null;
        var li = document.createElement('li');
        appendListItem(li, bullet ? bullet[1] : numbered[2]);
        list.appendChild(li);
        i++;
        continue;
      }
      if (list && /^\s{2,}\S/.test(line) && list.lastElementChild) {
        // An indented line continues the previous list item.
        list.lastElementChild.appendChild(document.createElement('br'));
        appendInline(list.lastElementChild, line.trim());
        i++;
        continue;
      }
      list = null;
      if (!paragraph) {
        paragraph = document.createElement('p');
        fragment.appendChild(paragraph);
      } else {
        paragraph.appendChild(document.createElement('br'));
      }
      appendInline(paragraph, line);
      i++;
    }
    container.replaceChildren(fragment);
  }

  // The same symbols and digits as the answers' text (src/llm/offline/format.ts money()), so the
  // card and the sentence above it print one amount one way: "$1.250,00" in es, "R$50,00" in pt-BR.
  var SYMBOLS = { USD: '$', EUR: '€', BRL: 'R$', GBP: '£', MXN: '$', COP: '$', ARS: '$' };

  function formatMoney(amount, currency, locale) {
    var value = Number(amount);
    if (!isFinite(value)) return String(amount);
    var options = { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: 'always' };
    var figure = new Intl.NumberFormat(locale, options).format(value);
    var code = String(currency || '').toUpperCase();
    if (SYMBOLS[code]) return SYMBOLS[code] + figure;
    return code ? figure + ' ' + code : figure;
  }

  function formatOdd(odd, locale) {
    var value = Number(odd);
    if (!isFinite(value)) return String(odd);
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  }

  /** A goal line (2.5) or, signed, a handicap (-1.5, +0.5); 0 stays unsigned. */
  function formatLine(line, locale, signed) {
    var value = Number(line);
    if (!isFinite(value)) return String(line);
    var text = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(Math.abs(value));
    if (value < 0) return '-' + text;
    return signed && value > 0 ? '+' + text : text;
  }

  /** Time left as m:ss (h:mm:ss from an hour), rounded up so 0:00 means it is over. */
  function formatCountdown(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var ss = (seconds < 10 ? '0' : '') + seconds;
    if (hours > 0) return hours + ':' + (minutes < 10 ? '0' : '') + minutes + ':' + ss;
    return minutes + ':' + ss;
  }

  function formatDateTime(iso, locale, withDate) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso);
    var options = withDate
      ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
      : { hour: '2-digit', minute: '2-digit' };
    return new Intl.DateTimeFormat(locale, options).format(date);
  }

  window.ChatBetFormat = {
    renderRichText: renderRichText,
    formatMoney: formatMoney,
    formatOdd: formatOdd,
    formatDateTime: formatDateTime,
    formatLine: formatLine,
    formatCountdown: formatCountdown,
  };
})();
