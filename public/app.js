/*
 * The web chat page: one Socket.IO connection to the `/chat` namespace (protocol.md §3), a message
 * list that renders streamed deltas as they arrive, tool activity, Stop, bet slips with
 * Confirm/Cancel, suggestion chips, language switch and history restored for the stored session.
 */
(function () {
  'use strict';

  var I18n = window.ChatBetI18n;
  var Fmt = window.ChatBetFormat;

  var STORAGE_KEYS = {
    userId: 'chatbet.user_id',
    sessionId: 'chatbet.session_id',
    language: 'chatbet.language',
    apiKey: 'chatbet.api_key',
    userToken: 'chatbet.user_token',
    dismissedSlip: 'chatbet.dismissed_slip',
  };
  var ACK_TIMEOUT_MS = 15000;
  /** A stored token this close to expiry is replaced rather than sent. */
  var TOKEN_MARGIN_MS = 60000;
  var DEV_TOKEN_URL = '/api/v1/dev/token';
  var HISTORY_LIMIT = 50;
  var NEAR_BOTTOM_PX = 140;

  var els = {
    app: document.querySelector('.app'),
    status: document.getElementById('status'),
    statusLabel: document.getElementById('status-label'),
    language: document.getElementById('language'),
    newConversation: document.getElementById('new-conversation'),
    conversation: document.getElementById('conversation'),
    welcome: document.getElementById('welcome'),
    examples: document.getElementById('examples'),
    messages: document.getElementById('messages'),
    activity: document.getElementById('activity'),
    activityLabel: document.getElementById('activity-label'),
    banner: document.getElementById('banner'),
    composer: document.getElementById('composer'),
    input: document.getElementById('composer-input'),
    send: document.getElementById('send'),
    stop: document.getElementById('stop'),
    announcer: document.getElementById('announcer'),
  };

  var store = openStorage();
  var state = {
    userId: store.get(STORAGE_KEYS.userId) || newId('web'),
    sessionId: store.get(STORAGE_KEYS.sessionId) || newId('web'),
    language: store.get(STORAGE_KEYS.language) || I18n.guessLanguage(navigator.languages || [navigator.language]),
    apiKey: readApiKey(),
    /** Kick-off times in answers use it (protocol.md §2); dropped if the server does not know the zone. */
    timeZone: browserTimeZone(),
    /** The handle of the one slip card that can still be confirmed (createBetCard), or null. */
    slip: null,
    /** The turn being answered: { messageId, item, body, deltas, text, toolsRunning, renderQueued }. */
    turn: null,
    connected: false,
    takenOver: false,
    historyLoadedFor: null,
    socketConnectedOnce: false,
    /** The handshake carried a user token (development: from the service's token endpoint). */
    usingToken: false,
    tokenRetried: false,
  };
  store.set(STORAGE_KEYS.userId, state.userId);
  store.set(STORAGE_KEYS.sessionId, state.sessionId);

  // ---------------------------------------------------------------- helpers

  function openStorage() {
    // localStorage throws in some privacy modes; the page still works, it just forgets on reload.
    var memory = {};
    function usable() {
      try {
        return window.localStorage;
      } catch (_error) {
        return null;
      }
    }
    var ls = usable();
    return {
      get: function (key) {
        try {
          return ls ? ls.getItem(key) : memory[key] || null;
        } catch (_error) {
          return memory[key] || null;
        }
      },
      set: function (key, value) {
        memory[key] = value;
        try {
          if (ls) ls.setItem(key, value);
        } catch (_error) {
          // Quota or privacy mode: memory copy is enough for this tab.
        }
      },
    };
  }

  /** Ids follow the wire charset [A-Za-z0-9_.:-]; getRandomValues works on plain http too. */
  function newId(prefix) {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return prefix + '-' + hex;
  }

  function browserTimeZone() {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return typeof zone === 'string' && zone ? zone : undefined;
    } catch (_error) {
      return undefined;
    }
  }

  /** `?api_key=` is kept in localStorage and removed from the address bar so it is not shared by copy-paste. */
  function readApiKey() {
    var params = new URLSearchParams(window.location.search);
    var fromUrl = params.get('api_key');
    if (fromUrl) {
      store.set(STORAGE_KEYS.apiKey, fromUrl);
      params.delete('api_key');
      var query = params.toString();
      window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : '') + window.location.hash);
      return fromUrl;
    }
    return store.get(STORAGE_KEYS.apiKey) || undefined;
  }

  /** The stored user token, while it has more than a minute left. */
  function storedToken() {
    try {
      var stored = JSON.parse(store.get(STORAGE_KEYS.userToken) || 'null');
      if (stored && stored.token && stored.user_id && Date.parse(stored.expires_at) - Date.now() > TOKEN_MARGIN_MS) return stored;
    } catch (_error) {
      // Unreadable: fetch a new one.
    }
    return null;
  }

  /**
   * A development server hands the page a short-lived token for an anonymous user, so the page holds
   * no shared secret; the user is the token's subject. Where there is no such endpoint (404 in
   * production, or with API keys only) the page connects without a token, with ?api_key= if given.
   */
  function withUserToken(done) {
    if (state.apiKey) return done(null);
    var stored = storedToken();
    if (stored) return done(stored);
    if (typeof window.fetch !== 'function') return done(null);
    window
      .fetch(DEV_TOKEN_URL, { method: 'POST', headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(
        function (body) {
          if (!body || typeof body.token !== 'string' || typeof body.user_id !== 'string') return done(null);
          store.set(STORAGE_KEYS.userToken, JSON.stringify(body));
          adoptUser(body.user_id);
          done(body);
        },
        function () {
          done(null);
        },
      );
  }

  /** A session belongs to one user: a new user starts a new conversation. */
  function adoptUser(userId) {
    if (state.userId === userId) return;
    state.userId = userId;
    store.set(STORAGE_KEYS.userId, userId);
    state.sessionId = newId('web');
    store.set(STORAGE_KEYS.sessionId, state.sessionId);
  }

  function t() {
    return I18n.strings(state.language);
  }

  function locale() {
    return I18n.locale(state.language);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function announce(text) {
    els.announcer.textContent = '';
    // A fresh text node after a tick makes screen readers announce repeated sentences too.
    window.setTimeout(function () {
      els.announcer.textContent = text;
    }, 30);
  }

  function isNearBottom() {
    var c = els.conversation;
    return c.scrollHeight - c.scrollTop - c.clientHeight < NEAR_BOTTOM_PX;
  }

  function scrollToBottom(force) {
    if (force || isNearBottom()) els.conversation.scrollTop = els.conversation.scrollHeight;
  }

  /** The human sentence for an error: the server's own words when it sent some, else ours. */
  function errorText(code, serverText) {
    var ours = t().errors[code];
    if (serverText && typeof serverText === 'string') return serverText;
    return ours || t().errors.INTERNAL_ERROR;
  }

  /**
   * For refusals of requests that carry no language (confirm_bet, and user_message now that the
   * server detects the language): the server words those in English, so ours, in the page's
   * language, come first; the server's only for a code we have no sentence for.
   */
  function pageErrorText(code, serverText) {
    var ours = t().errors[code];
    if (ours) return ours;
    if (serverText && typeof serverText === 'string') return serverText;
    return t().errors.INTERNAL_ERROR;
  }

  // ---------------------------------------------------------------- UI strings

  function applyLanguage() {
    var strings = t();
    document.documentElement.lang = I18n.htmlLang(state.language);
    els.language.value = state.language;
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      var value = strings[node.getAttribute('data-i18n')];
      if (typeof value === 'string') node.textContent = value;
    });
    els.input.placeholder = strings.inputPlaceholder;
    els.messages.setAttribute('aria-label', strings.conversationLabel);
    els.examples.setAttribute('aria-label', strings.examplesLabel);
    els.send.setAttribute('aria-label', strings.send);
    els.send.title = strings.send;
    els.stop.setAttribute('aria-label', strings.stop);
    els.stop.title = strings.stop + ' (Esc)';
    els.newConversation.title = strings.newConversation;
    renderExamples();
    renderStatus();
  }

  function renderExamples() {
    var list = els.examples;
    list.replaceChildren();
    t().examples.forEach(function (example) {
      var li = el('li');
      li.appendChild(chipButton(example));
      list.appendChild(li);
    });
  }

  function chipButton(text) {
    var button = el('button', 'chip', text);
    button.type = 'button';
    button.addEventListener('click', function () {
      sendMessage(text);
    });
    return button;
  }

  function renderStatus() {
    var strings = t();
    var stateName = state.takenOver ? 'taken-over' : state.connected ? 'online' : state.socketConnectedOnce ? 'offline' : 'connecting';
    var label = {
      'taken-over': strings.statusTakenOver,
      online: strings.statusOnline,
      offline: strings.statusOffline,
      connecting: strings.statusConnecting,
    }[stateName];
    els.status.setAttribute('data-state', stateName);
    els.statusLabel.textContent = label;
  }

  function showBanner(text, action) {
    els.banner.replaceChildren(el('span', null, text));
    if (action) {
      var button = el('button', 'button button-small', action.label);
      button.type = 'button';
      button.addEventListener('click', action.run);
      els.banner.appendChild(button);
    }
    els.banner.hidden = false;
  }

  function hideBanner() {
    els.banner.hidden = true;
    els.banner.replaceChildren();
  }

  // ---------------------------------------------------------------- message list

  function updateWelcome() {
    els.welcome.hidden = els.messages.children.length > 0;
  }

  function appendMessage(role, text, timestamp) {
    var item = el('div', 'message message-' + role);
    var who = el('span', 'visually-hidden', (role === 'user' ? t().you : t().assistant) + ':');
    item.appendChild(who);
    if (role === 'assistant') {
      var avatar = el('span', 'avatar');
      avatar.setAttribute('aria-hidden', 'true');
      item.appendChild(avatar);
    }
    var column = el('div', 'message-column');
    var bubble = el('div', 'bubble');
    var body = el('div', 'rich');
    if (role === 'user') body.textContent = text;
    else Fmt.renderRichText(body, text);
    bubble.appendChild(body);
    column.appendChild(bubble);
    var meta = el('div', 'meta');
    var time = el('time', null, Fmt.formatDateTime(timestamp || new Date().toISOString(), locale(), false));
    time.dateTime = timestamp || new Date().toISOString();
    meta.appendChild(time);
    column.appendChild(meta);
    item.appendChild(column);
    els.messages.appendChild(item);
    updateWelcome();
    return { item: item, column: column, bubble: bubble, body: body, meta: meta };
  }

  function appendErrorMessage(text) {
    var item = el('div', 'message message-error');
    item.setAttribute('role', 'alert');
    var icon = el('span', 'error-icon', '!');
    icon.setAttribute('aria-hidden', 'true');
    item.appendChild(icon);
    item.appendChild(el('p', 'error-text', text));
    els.messages.appendChild(item);
    updateWelcome();
    scrollToBottom(true);
    return item;
  }

  function clearSuggestions() {
    els.messages.querySelectorAll('.suggestions').forEach(function (node) {
      node.remove();
    });
  }

  function renderSuggestions(column, actions) {
    if (!Array.isArray(actions) || actions.length === 0) return;
    var group = el('div', 'chips suggestions');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', t().suggestions);
    actions.slice(0, 6).forEach(function (action) {
      if (typeof action === 'string' && action.trim()) group.appendChild(chipButton(action.trim()));
    });
    column.appendChild(group);
  }

  // ---------------------------------------------------------------- bet slip

  /*
   * The conversation has at most one open slip (protocol.md §1): `state.slip` is its card, the only
   * one whose Confirm can still be pressed. A final that withdraws it (changed or cancelled in chat)
   * collapses the card; a final with a new proposal replaces it; the same proposal offered again
   * ("ok, place it") moves the card under the newest answer instead of drawing a second one.
   */

  function outcomeLabel(selection) {
    var strings = t();
    var words = {
      home: selection.home_team,
      away: selection.away_team,
      draw: strings.draw,
      over: strings.outcomes.over,
      under: strings.outcomes.under,
      yes: strings.outcomes.yes,
      no: strings.outcomes.no,
    };
    var tokens = String(selection.outcome || '').split(/[_\s]+/).filter(Boolean);
    var sides = tokens.every(function (token) {
      return token === 'home' || token === 'away' || token === 'draw';
    });
    var mapped = tokens.map(function (token) {
      return Object.prototype.hasOwnProperty.call(words, token) ? words[token] : token;
    });
    return mapped.join(sides ? ' / ' : ' ');
  }

  /** "Over 2.5", "Arsenal -0.5": the pick with its line, when the selection has one. */
  function pickLabel(selection) {
    var label = outcomeLabel(selection);
    if (selection.line === undefined || selection.line === null || !isFinite(Number(selection.line))) return label;
    var line = Number(selection.line);
    var outcome = String(selection.outcome || '');
    if (outcome === 'over' || outcome === 'under') return label + ' ' + Fmt.formatLine(line, locale(), false);
    if (/handicap/.test(String(selection.market)) && (outcome === 'home' || outcome === 'away')) {
      // The wire's handicap line is the home side's (as the sportsbook prices it); the away side gets its mirror.
      return label + ' ' + Fmt.formatLine(outcome === 'home' ? line : -line, locale(), true);
    }
    return label;
  }

  function forgetDismissal(proposalId) {
    if (store.get(STORAGE_KEYS.dismissedSlip) === proposalId) store.set(STORAGE_KEYS.dismissedSlip, '');
  }

  /** Builds a slip card; the returned handle lets the conversation replace, withdraw or move it. */
  function createBetCard(proposal) {
    var strings = t();
    var lang = locale();
    var card = el('section', 'bet-card');
    card.setAttribute('aria-label', strings.betSlip);
    card.setAttribute('data-proposal-id', proposal.proposal_id);

    var header = el('header', 'bet-header');
    header.appendChild(el('h3', 'bet-title', strings.betSlip));
    var expiresAt = new Date(proposal.expires_at).getTime();
    var countdown = null;
    if (isFinite(expiresAt)) {
      // The ticking text is hidden from screen readers (the log would read every second); they get the end time.
      var until = strings.expiresAt.replace('{time}', Fmt.formatDateTime(proposal.expires_at, lang, false));
      var expiry = el('span', 'bet-expiry');
      expiry.title = until;
      countdown = el('span', 'bet-countdown');
      countdown.setAttribute('aria-hidden', 'true');
      expiry.appendChild(countdown);
      expiry.appendChild(el('span', 'visually-hidden', until));
      header.appendChild(expiry);
    }
    card.appendChild(header);
    // One line that stands for the whole slip once it is withdrawn and collapsed.
    var picks = (proposal.selections || []).map(pickLabel).join(' + ');
    card.appendChild(el('p', 'bet-summary', picks + ' · ' + Fmt.formatMoney(proposal.stake, proposal.currency, lang)));

    var list = el('ul', 'bet-selections');
    (proposal.selections || []).forEach(function (selection) {
      var li = el('li', 'bet-selection');
      var text = el('div', 'bet-selection-text');
      text.appendChild(el('p', 'bet-match', selection.home_team + ' ' + strings.vs + ' ' + selection.away_team));
      var meta = el('p', 'bet-meta');
      var marketName = strings.markets[selection.market] || String(selection.market || '').replace(/_/g, ' ');
      if (selection.live === true) {
        meta.appendChild(el('span', 'live-badge', strings.live));
        meta.appendChild(document.createTextNode(' ' + marketName));
      } else {
        var when = selection.start_time ? Fmt.formatDateTime(selection.start_time, lang, true) + ' · ' : '';
        meta.textContent = when + marketName;
      }
      text.appendChild(meta);
      text.appendChild(el('p', 'bet-pick', pickLabel(selection)));
      li.appendChild(text);
      var odd = el('span', 'odd-pill', Fmt.formatOdd(selection.odd, lang));
      odd.setAttribute('aria-label', strings.odds + ' ' + Fmt.formatOdd(selection.odd, lang));
      li.appendChild(odd);
      list.appendChild(li);
    });
    card.appendChild(list);

    var totals = el('dl', 'bet-totals');
    function total(label, value, className) {
      var row = el('div', className || null);
      row.appendChild(el('dt', null, label));
      row.appendChild(el('dd', null, value));
      totals.appendChild(row);
    }
    total(strings.stake, Fmt.formatMoney(proposal.stake, proposal.currency, lang));
    if ((proposal.selections || []).length > 1) total(strings.combinedOdds, Fmt.formatOdd(proposal.combined_odd, lang));
    total(strings.potentialWin, Fmt.formatMoney(proposal.potential_win, proposal.currency, lang), 'bet-win');
    card.appendChild(totals);

    var actions = el('div', 'bet-actions');
    var confirm = el('button', 'button button-primary bet-confirm', strings.confirm);
    confirm.type = 'button';
    var cancel = el('button', 'button button-ghost bet-cancel', strings.cancel);
    cancel.type = 'button';
    actions.appendChild(confirm);
    actions.appendChild(cancel);
    card.appendChild(actions);
    var status = el('p', 'bet-status');
    status.setAttribute('role', 'status');
    card.appendChild(status);

    var settled = false;
    var ticker = null;
    var handle = {
      proposalId: proposal.proposal_id,
      card: card,
      isOpen: function () {
        return !settled;
      },
      /** Changed ("make it 30") or cancelled in chat: the server no longer accepts this slip. */
      withdraw: function (reason) {
        if (settled) return;
        settle();
        actions.remove();
        card.classList.add('is-withdrawn', 'is-collapsed');
        status.className = 'bet-status';
        status.textContent = reason === 'replaced' ? strings.slipReplaced : strings.slipWithdrawn;
      },
      /** Offered again: the same card, under the answer that offered it. */
      moveTo: function (column) {
        column.appendChild(card);
        card.classList.remove('is-highlighted');
        void card.offsetWidth; // restart the highlight animation
        card.classList.add('is-highlighted');
      },
      dispose: function () {
        settle();
      },
    };

    function settle() {
      settled = true;
      card.classList.add('is-settled');
      if (ticker) window.clearInterval(ticker);
      ticker = null;
      if (state.slip === handle) state.slip = null;
    }
    function markExpired() {
      if (settled) return;
      settle();
      confirm.disabled = true;
      card.classList.add('is-expired');
      status.className = 'bet-status bet-status-error';
      status.textContent = strings.expired;
    }
    /** The countdown runs from the server's expires_at, so a restored slip shows what is really left. */
    function tick() {
      var left = expiresAt - Date.now();
      if (left <= 0) {
        markExpired();
        return;
      }
      countdown.textContent = strings.expiresIn.replace('{time}', Fmt.formatCountdown(left));
      card.classList.toggle('is-ending', left < 60000);
    }
    if (countdown) {
      tick();
      if (!settled) ticker = window.setInterval(tick, 1000);
    }

    cancel.addEventListener('click', function () {
      settle();
      actions.remove();
      card.classList.add('is-cancelled');
      status.className = 'bet-status';
      status.textContent = strings.cancelled;
      // Only chat withdraws a slip on the server; remember the dismissal so a reload does not bring it back.
      store.set(STORAGE_KEYS.dismissedSlip, proposal.proposal_id);
    });

    confirm.addEventListener('click', function () {
      if (settled) return;
      confirm.disabled = true;
      cancel.disabled = true;
      confirm.textContent = strings.placing;
      status.className = 'bet-status';
      status.textContent = '';
      emitWithAck('confirm_bet', { proposal_id: proposal.proposal_id }, function (error, ack) {
        confirm.textContent = strings.confirm;
        cancel.disabled = false;
        if (error || !ack || ack.error) {
          var code = ack && ack.error ? ack.error.error_code : 'TIMEOUT';
          var message = ack && ack.error ? ack.error.message : undefined;
          status.className = 'bet-status bet-status-error';
          // confirm_bet carries no language, so the server words its refusal in English: ours follow the page.
          status.textContent = pageErrorText(code, message);
          if (code === 'PROPOSAL_WITHDRAWN') {
            settle();
            card.classList.add('is-withdrawn');
          } else if (code === 'PRICE_CHANGED') {
            // Nothing was placed: this card is replaced by the slip at the new price, to confirm or not.
            settle();
            card.classList.add('is-withdrawn');
            var fresh = ack.error.details && ack.error.details.proposal;
            if (fresh && card.parentNode) showProposal(card.parentNode, fresh);
          } else if (code === 'PROPOSAL_EXPIRED' || code === 'BET_REJECTED' || code === 'NOT_FOUND') {
            settle();
            card.classList.add('is-expired');
          } else if (!settled) {
            confirm.disabled = false;
          }
          return;
        }
        settle();
        actions.remove();
        card.classList.add('is-placed');
        renderReceipt(card, status, proposal, ack);
      });
    });

    return handle;
  }

  function mountBetCard(column, proposal) {
    var handle = createBetCard(proposal);
    column.appendChild(handle.card);
    if (handle.isOpen()) {
      if (state.slip) state.slip.withdraw('replaced');
      state.slip = handle;
    }
    return handle;
  }

  /** A final's slip: the open card is replaced, or moved when this is the same proposal offered again. */
  function showProposal(column, proposal) {
    forgetDismissal(proposal.proposal_id);
    if (state.slip && state.slip.proposalId === proposal.proposal_id) {
      state.slip.moveTo(column);
      return;
    }
    // A card the user dismissed locally (the server kept the slip) gives way to the fresh one.
    els.messages.querySelectorAll('.bet-card').forEach(function (node) {
      if (node.getAttribute('data-proposal-id') === proposal.proposal_id && !node.classList.contains('is-placed')) node.remove();
    });
    mountBetCard(column, proposal);
  }

  /** A final's withdrawn_proposal_id: that slip can no longer be confirmed. */
  function withdrawProposal(proposalId, replaced) {
    if (state.slip && state.slip.proposalId === proposalId) state.slip.withdraw(replaced ? 'replaced' : 'cancelled');
    forgetDismissal(proposalId);
  }

  /** After a reload: the session's open slip from the history ack, with the time it really has left. */
  function restoreSlip(slip) {
    if (!slip || typeof slip.proposal_id !== 'string') return;
    if (!(new Date(slip.expires_at).getTime() > Date.now())) return; // expired: nothing left to confirm
    if (store.get(STORAGE_KEYS.dismissedSlip) === slip.proposal_id) return;
    var columns = els.messages.querySelectorAll('.message-assistant .message-column');
    var column;
    if (columns.length > 0) {
      column = columns[columns.length - 1];
    } else {
      var view = appendMessage('assistant', '');
      view.item.classList.add('is-restored', 'is-empty');
      column = view.column;
    }
    mountBetCard(column, slip);
  }

  function renderReceipt(card, status, proposal, receipt) {
    var strings = t();
    var lang = locale();
    var box = el('div', 'receipt');
    box.setAttribute('role', 'status');
    box.appendChild(el('p', 'receipt-title', '✓ ' + strings.receiptTitle));
    if (typeof receipt.message === 'string' && receipt.message.trim()) {
      box.appendChild(el('p', 'receipt-message', receipt.message.trim()));
    }
    var facts = el('dl', 'receipt-facts');
    function fact(label, value) {
      var row = el('div');
      row.appendChild(el('dt', null, label));
      row.appendChild(el('dd', null, value));
      facts.appendChild(row);
    }
    fact(strings.receiptId, receipt.bet_id);
    if (receipt.possible_win !== undefined) {
      fact(strings.receiptPossibleWin, Fmt.formatMoney(receipt.possible_win, proposal.currency, lang));
    }
    if (receipt.balance !== undefined && receipt.balance !== null) {
      var balance = typeof receipt.balance === 'object' ? receipt.balance.amount : receipt.balance;
      var currency = (typeof receipt.balance === 'object' && receipt.balance.currency) || proposal.currency;
      fact(strings.receiptBalance, Fmt.formatMoney(balance, currency, lang));
    }
    box.appendChild(facts);
    status.remove();
    card.appendChild(box);
    box.scrollIntoView({ block: 'nearest' });
    announce(strings.receiptTitle);
  }

  // ---------------------------------------------------------------- turns

  function setBusy(busy) {
    els.send.hidden = busy;
    els.stop.hidden = !busy;
    els.app.classList.toggle('is-busy', busy);
  }

  function updateActivity() {
    var turn = state.turn;
    if (!turn) {
      els.activity.hidden = true;
      return;
    }
    var running = Object.keys(turn.toolsRunning).filter(function (name) {
      return turn.toolsRunning[name] > 0;
    });
    var label = null;
    if (running.length > 0) {
      var latest = running[running.length - 1];
      label = t().tools[latest] || t().toolGeneric;
    } else if (!turn.text) {
      label = t().thinking;
    }
    els.activity.hidden = label === null;
    if (label !== null) els.activityLabel.textContent = label;
    // The indicator sits right under the answer being written.
    if (label !== null && els.activity.parentNode !== turn.view.column) {
      turn.view.column.insertBefore(els.activity, turn.view.meta);
    }
  }

  function startTurn(messageId) {
    var view = appendMessage('assistant', '');
    view.item.classList.add('is-streaming');
    view.bubble.setAttribute('aria-busy', 'true');
    state.turn = { messageId: messageId, view: view, deltas: [], deltasShown: 0, text: '', toolsRunning: {}, renderQueued: false };
    setBusy(true);
    updateActivity();
    scrollToBottom(true);
    announce(t().answerStarted);
  }

  function scheduleRender() {
    var turn = state.turn;
    if (!turn || turn.renderQueued) return;
    turn.renderQueued = true;
    window.requestAnimationFrame(function () {
      turn.renderQueued = false;
      var follow = isNearBottom();
      Fmt.renderRichText(turn.view.body, turn.text);
      if (follow) scrollToBottom(true);
    });
  }

  /** Deltas carry `index`; a late or repeated one must not scramble the text. */
  function applyDelta(turn, content, index) {
    if (typeof index === 'number' && index >= 0) turn.deltas[index] = content;
    else turn.deltas.push(content);
    var text = '';
    for (var i = 0; i < turn.deltas.length; i++) {
      if (turn.deltas[i] === undefined) break;
      text += turn.deltas[i];
    }
    turn.text = text;
    turn.deltasShown = i;
  }

  function endTurn() {
    var turn = state.turn;
    if (!turn) return;
    state.turn = null;
    turn.view.item.classList.remove('is-streaming');
    turn.view.bubble.removeAttribute('aria-busy');
    els.activity.hidden = true;
    els.conversation.appendChild(els.activity);
    setBusy(false);
  }

  function finishTurn(final) {
    var turn = state.turn;
    var text = typeof final.content === 'string' && final.content ? final.content : turn.text;
    turn.text = text;
    var view = turn.view;
    endTurn();
    var follow = isNearBottom();
    Fmt.renderRichText(view.body, text);
    if (!text && !final.bet_proposal) view.item.classList.add('is-empty');
    if (final.stopped) {
      view.item.classList.add('is-stopped');
      view.meta.appendChild(el('span', 'tag', t().stopped));
    }
    if (final.degraded) view.meta.appendChild(el('span', 'tag tag-warn', t().degraded));
    // Even a stopped turn's slip is shown: the server kept it as the open slip (a reload would restore it).
    if (typeof final.withdrawn_proposal_id === 'string') withdrawProposal(final.withdrawn_proposal_id, Boolean(final.bet_proposal));
    if (final.bet_proposal && typeof final.bet_proposal.proposal_id === 'string') showProposal(view.column, final.bet_proposal);
    renderSuggestions(view.column, final.suggested_actions);
    scrollToBottom(follow);
    announce(t().answerDone);
  }

  function failTurn(text) {
    var turn = state.turn;
    if (!turn) return;
    var view = turn.view;
    var hadText = Boolean(turn.text);
    endTurn();
    if (hadText) {
      Fmt.renderRichText(view.body, turn.text);
      view.item.classList.add('is-stopped');
    } else {
      view.item.remove();
    }
    appendErrorMessage(text);
  }

  function sendMessage(rawText) {
    var content = String(rawText || '').trim();
    if (!content) return;
    if (state.turn) return;
    if (!state.connected) {
      showBanner(state.takenOver ? t().errors.SESSION_TAKEN_OVER : t().offlineCannotSend);
      return;
    }
    var messageId = newId('m');
    clearSuggestions();
    appendMessage('user', content);
    els.input.value = '';
    autosize();
    startTurn(messageId);
    submitMessage(content, messageId);
  }

  /**
   * No `language`: the selector sets the page's own words, while the server answers each message in
   * the language it is written in (protocol.md §2) and keeps the conversation's for short replies.
   */
  function submitMessage(content, messageId) {
    var payload = {
      content: content,
      session_id: state.sessionId,
      user_id: state.userId,
      message_id: messageId,
    };
    if (state.timeZone) payload.timezone = state.timeZone;
    emitWithAck('user_message', payload, function (error, ack) {
      if (!state.turn || state.turn.messageId !== messageId) return;
      if (error) {
        // The connection dropped before the ack: the reconnect asks for the answer (resumeTurn).
        if (!socket.connected) return;
        failTurn(t().errors.TIMEOUT);
        return;
      }
      if (ack && ack.error) {
        if (payload.timezone && refusedTimeZone(ack.error)) {
          // A zone this browser knows but the server does not: answer in UTC rather than not at all.
          state.timeZone = undefined;
          submitMessage(content, messageId);
          return;
        }
        failTurn(pageErrorText(ack.error.error_code, ack.error.message));
        if (ack.error.error_code === 'MESSAGE_TOO_LONG' || ack.error.error_code === 'INVALID_MESSAGE') {
          els.input.value = content;
          autosize();
        }
      }
    });
  }

  /**
   * After a reconnect, asks for the rest of the answer the connection dropped in the middle of
   * (the server keeps the turn running for a while): the deltas after the last one shown, then
   * live ones, or the final. Deltas are placed by index, so nothing is shown twice.
   */
  function resumeTurn() {
    var turn = state.turn;
    if (!turn || !turn.interrupted) return;
    turn.interrupted = false;
    var payload = { session_id: state.sessionId, message_id: turn.messageId };
    if (turn.deltasShown > 0) payload.last_index = turn.deltasShown - 1;
    emitWithAck('resume', payload, function (error, ack) {
      if (state.turn !== turn) return;
      if (error && !socket.connected) return; // dropped again: the next connect asks again
      if (error || !ack || ack.error) failTurn(t().interrupted);
    });
  }

  function refusedTimeZone(body) {
    var fields = body && body.error_code === 'INVALID_MESSAGE' && body.details && body.details.fields;
    return Boolean(fields && Object.prototype.hasOwnProperty.call(fields, 'timezone'));
  }

  function stopTurn() {
    var turn = state.turn;
    if (!turn) return;
    els.stop.disabled = true;
    emitWithAck('stop', { session_id: state.sessionId, message_id: turn.messageId }, function () {
      els.stop.disabled = false;
      // The server answers a stopped turn with its final event (stopped: true); nothing else to do.
    });
  }

  // ---------------------------------------------------------------- socket

  if (typeof window.io !== 'function') {
    // /socket.io/socket.io.js did not load: the server is down or is not serving Socket.IO.
    applyLanguage();
    state.socketConnectedOnce = true;
    renderStatus();
    showBanner(t().serverUnreachable);
    els.composer.addEventListener('submit', function (event) {
      event.preventDefault();
    });
    return;
  }

  var socket = window.io('/chat', {
    auth: function (callback) {
      withUserToken(function (token) {
        state.usingToken = !!token;
        if (token) adoptUser(token.user_id);
        var auth = { user_id: state.userId, session_id: state.sessionId };
        if (token) auth.token = token.token;
        if (state.apiKey) auth.api_key = state.apiKey;
        callback(auth);
      });
    },
    transports: ['websocket', 'polling'],
    reconnectionDelay: 800,
    reconnectionDelayMax: 10000,
    randomizationFactor: 0.5,
    timeout: 10000,
  });

  function emitWithAck(event, payload, callback) {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, callback);
  }

  socket.on('connect', function () {
    state.tokenRetried = false;
    state.connected = true;
    state.socketConnectedOnce = true;
    state.takenOver = false;
    hideBanner();
    renderStatus();
    loadHistory();
    resumeTurn();
    // Live price alerts for the open slip, whichever it becomes (renewed on every connect).
    emitWithAck('subscribe', { open_slip: true }, function () {});
  });

  socket.on('disconnect', function (reason) {
    state.connected = false;
    renderStatus();
    // A dropped connection keeps the answer on screen: it is resumed on reconnect.
    if (state.turn) state.turn.interrupted = true;
    // The server closed us on purpose (takeover, restart): reconnect ourselves unless another tab owns the session.
    if (reason === 'io server disconnect' && !state.takenOver) {
      window.setTimeout(function () {
        if (!socket.connected && !state.takenOver) socket.connect();
      }, 1500);
    }
  });

  socket.on('connect_error', function (error) {
    state.connected = false;
    renderStatus();
    var code = error && error.data && error.data.error_code;
    if (code === 'UNAUTHORIZED' && state.usingToken && !state.tokenRetried) {
      // The token was refused (expired, or the server restarted with a new secret): get a new one, once.
      state.tokenRetried = true;
      store.set(STORAGE_KEYS.userToken, '');
      socket.connect();
      return;
    }
    if (code === 'UNAUTHORIZED') {
      showBanner(t().errors.UNAUTHORIZED);
      return;
    }
    if (code) showBanner(errorText(code, error.data.message));
    if (!socket.active) {
      // The server refused the handshake (not a network failure): retry later ourselves.
      window.setTimeout(function () {
        if (!socket.connected) socket.connect();
      }, 5000);
    }
  });

  socket.on('assistant_response', function (event) {
    var turn = state.turn;
    if (!turn || !event || (event.message_id && event.message_id !== turn.messageId)) return;
    if (event.is_final) {
      finishTurn(event);
      return;
    }
    applyDelta(turn, typeof event.content === 'string' ? event.content : '', event.index);
    updateActivity();
    scheduleRender();
  });

  socket.on('tool_call', function (event) {
    var turn = state.turn;
    if (!turn || !event || (event.message_id && event.message_id !== turn.messageId)) return;
    var name = String(event.name || '');
    var count = turn.toolsRunning[name] || 0;
    if (event.status === 'started') {
      delete turn.toolsRunning[name];
      turn.toolsRunning[name] = count + 1; // re-inserted so the newest tool is named
    } else {
      turn.toolsRunning[name] = Math.max(0, count - 1);
    }
    updateActivity();
  });

  /**
   * The open slip's price moved: the server re-offered it at the new price (nothing is placed).
   * Its short message is shown, the old card withdrawn and the new one mounted under it, exactly
   * as a final that changes the slip does.
   */
  socket.on('slip_update', function (event) {
    if (!event || !event.bet_proposal || typeof event.bet_proposal.proposal_id !== 'string') return;
    if (event.session_id && event.session_id !== state.sessionId) return;
    var view = appendMessage('assistant', typeof event.content === 'string' ? event.content : '', event.timestamp);
    view.item.classList.add('is-live-alert');
    if (typeof event.withdrawn_proposal_id === 'string') withdrawProposal(event.withdrawn_proposal_id, true);
    showProposal(view.column, event.bet_proposal);
    if (typeof event.content === 'string') announce(event.content);
    scrollToBottom(false);
  });

  socket.on('error', function (event) {
    var code = event && event.error_code;
    var text = errorText(code, event && event.content);
    if (code === 'SESSION_TAKEN_OVER') {
      state.takenOver = true;
      renderStatus();
      if (state.turn) failTurn(text);
      showBanner(text, {
        label: t().reconnectHere,
        run: function () {
          state.takenOver = false;
          hideBanner();
          socket.connect();
        },
      });
      return;
    }
    if (state.turn && (!event.message_id || event.message_id === state.turn.messageId)) {
      failTurn(text);
      return;
    }
    appendErrorMessage(text);
  });

  function loadHistory() {
    var sessionId = state.sessionId;
    if (state.historyLoadedFor === sessionId) return;
    emitWithAck('history', { session_id: sessionId, limit: HISTORY_LIMIT }, function (error, ack) {
      if (error || !ack || !Array.isArray(ack.messages) || sessionId !== state.sessionId) return;
      state.historyLoadedFor = sessionId;
      if (els.messages.children.length > 0) return; // the user already started typing in this session
      ack.messages.forEach(function (message) {
        if (message.role === 'user' || message.role === 'assistant') {
          appendMessage(message.role, String(message.content || ''), message.timestamp).item.classList.add('is-restored');
        }
      });
      restoreSlip(ack.open_slip);
      scrollToBottom(true);
    });
  }

  window.addEventListener('online', function () {
    if (!socket.connected && !state.takenOver) socket.connect();
  });

  // ---------------------------------------------------------------- composer

  function autosize() {
    els.input.style.height = 'auto';
    els.input.style.height = Math.min(els.input.scrollHeight, 200) + 'px';
  }

  els.composer.addEventListener('submit', function (event) {
    event.preventDefault();
    sendMessage(els.input.value);
  });

  els.input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      if (!state.turn) sendMessage(els.input.value);
    } else if (event.key === 'Escape' && state.turn) {
      event.preventDefault();
      stopTurn();
    }
  });

  els.input.addEventListener('input', autosize);
  els.stop.addEventListener('click', stopTurn);

  els.language.addEventListener('change', function () {
    state.language = I18n.LANGUAGES.indexOf(els.language.value) >= 0 ? els.language.value : 'en';
    store.set(STORAGE_KEYS.language, state.language);
    applyLanguage();
  });

  els.newConversation.addEventListener('click', function () {
    if (state.turn) stopTurn();
    endTurn();
    state.sessionId = newId('web');
    store.set(STORAGE_KEYS.sessionId, state.sessionId);
    state.historyLoadedFor = state.sessionId; // a brand-new session has no history to fetch
    if (state.slip) state.slip.dispose();
    els.messages.replaceChildren();
    updateWelcome();
    hideBanner();
    // The handshake carries the session, so a new conversation is a new connection.
    state.takenOver = false;
    socket.disconnect();
    socket.connect();
    els.input.focus();
  });

  if (I18n.LANGUAGES.indexOf(state.language) < 0) state.language = 'en';
  applyLanguage();
  updateWelcome();
  autosize();
})();
