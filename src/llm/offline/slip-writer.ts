import { type BetProposal, type BetProposalSelection, type Language, sideOutcome } from '../../common/protocol';
import type { TurnHints } from '../agent/turn-hints';
import type { UnknownSubject } from '../../nlu/coverage-reader';
import { sameTeam } from '../../common/text';
import { resultsOf, type TurnView } from './conversation';
import { joinList, kickoff, money, odd } from './format';

interface SlipPhrases {
  win: (team: string) => string;
  draw: string;
  over: (line: string) => string;
  under: (line: string) => string;
  bttsYes: string;
  bttsNo: string;
  orDraw: (team: string) => string;
  eitherTeam: (home: string, away: string) => string;
  handicap: (team: string, line: string) => string;
  halfTime: (pick: string) => string;
  leg: (pick: string, home: string, away: string, when: string, price: string) => string;
  live: string;
  stakeLine: (stake: string, price: string, returns: string) => string;
  changed: string;
  reoffered: string;
  /** Opens the slip shown when asked for ("what are the total odds now?"). */
  yourSlip: string;
  pressConfirm: string;
  withdrawnBefore: string;
  cancelled: (stake: string, pick: string) => string;
  nothingToCancel: string;
  nothingToConfirm: string;
  alreadyPlaced: string;
  askStake: (pick: string, price: string) => string;
  askStakeNoPrice: (team: string) => string;
  stakeNotPositive: (team: string) => string;
  stakeUnreadable: (team: string) => string;
  stakeEverything: (balance: string, team: string) => string;
  stakeAboveBalance: (balance: string) => string;
  whichTeam: (candidates: string) => string;
  or: string;
  notOffered: (name: string, kind: UnknownSubject['kind'], offered: string) => string;
  /** Several clubs not offered ("Celtic and Rangers"). */
  teamsNotOffered: (names: string[], offered: string) => string;
  didYouMean: (written: string, offered: string) => string;
  /** Live slip alert: the picks whose price moved ("Arsenal to win 2.10 → 2.25") and what the slip returns now. */
  priceMoved: (changes: string, returns: string) => string;
}

const PHRASES: Record<Language, SlipPhrases> = {
  en: {
    win: (t) => `${t} to win`,
    draw: 'The draw',
    over: (l) => `Over ${l} goals`,
    under: (l) => `Under ${l} goals`,
    bttsYes: 'Both teams to score',
    bttsNo: 'Not both teams to score',
    orDraw: (t) => `${t} or the draw`,
    eitherTeam: (h, a) => `${h} or ${a} (no draw)`,
    handicap: (t, l) => `${t} ${l}`,
    halfTime: (p) => `${p} at half time`,
    leg: (p, h, a, w, o) => `• ${p} — ${h} vs ${a}, ${w}, at ${o}`,
    live: 'live now',
    stakeLine: (s, o, r) => `Stake ${s} at ${o}: returns ${r} if it wins.`,
    changed: 'Done, I have updated your slip:',
    reoffered:
      'I cannot place bets from the chat: only the Confirm button on the slip does that, so nothing has been placed. Here is your slip again:',
    yourSlip: 'Your slip as it stands:',
    pressConfirm: 'Press Confirm on the slip within 5 minutes to place it.',
    withdrawnBefore: 'The previous slip is withdrawn and can no longer be placed.',
    cancelled: (s, p) => `Cancelled: your ${s} slip on ${p.replace(/^The /, 'the ')} is withdrawn. Nothing was placed.`,
    nothingToCancel: 'There is no open bet slip to cancel.',
    nothingToConfirm:
      'There is no open bet slip to place right now. Tell me a team and a stake, e.g. "20 on Arsenal to win", and I will prepare one for you to confirm.',
    alreadyPlaced: 'That slip is already being placed (or was placed), so it cannot be changed or cancelled here.',
    askStake: (p, o) => `${p} is priced at ${o}. How much would you like to stake?`,
    askStakeNoPrice: (t) => `How much would you like to stake on ${t}?`,
    stakeNotPositive: (t) => `A stake has to be a positive amount, like 10 or 25.50. How much would you like to put on ${t}?`,
    stakeUnreadable: (t) => `I could not read that stake as an amount. How much would you like to put on ${t}?`,
    stakeEverything: (b, t) =>
      `I won't stake your whole balance for you (your playable balance is ${b}). How much would you like to put on ${t}? Bet only what you can afford to lose.`,
    stakeAboveBalance: (b) => `That is more than your playable balance (${b}). How much would you like to stake instead?`,
    whichTeam: (c) => `Which team do you mean: ${c}?`,
    or: 'or',
    notOffered: (n, k, o) =>
      `We don't offer ${k === 'athlete' ? `bets on ${n}` : n}: ${{ sport: 'that sport is', athlete: 'that sport is', competition: 'that competition is', team: 'that team is' }[k]} not in our sportsbook.${o ? ` What we cover: ${o}.` : ''}`,
    teamsNotOffered: (n, o) =>
      `We don't offer ${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}: those teams are not in our sportsbook.${o ? ` What we cover: ${o}.` : ''}`,
    didYouMean: (w, o) => `I can't find a team called ${w}. Did you mean ${o}?`,
    priceMoved: (c, r) => `The price on your open slip moved: ${c}. It now returns ${r} if it wins. Here is the updated slip; nothing is placed until you confirm it.`,
  },
  es: {
    win: (t) => `Gana ${t}`,
    draw: 'Empate',
    over: (l) => `Más de ${l} goles`,
    under: (l) => `Menos de ${l} goles`,
    bttsYes: 'Ambos equipos marcan',
    bttsNo: 'No marcan ambos',
    orDraw: (t) => `${t} o empate`,
    eitherTeam: (h, a) => `${h} o ${a} (sin empate)`,
    handicap: (t, l) => `${t} ${l}`,
    halfTime: (p) => `${p} al descanso`,
    leg: (p, h, a, w, o) => `• ${p} — ${h} vs ${a}, ${w}, a ${o}`,
    live: 'en vivo',
    stakeLine: (s, o, r) => `Monto ${s} a ${o}: si gana, recibes ${r}.`,
    changed: 'Listo, actualicé tu boleto:',
    reoffered:
      'No puedo hacer apuestas desde el chat: solo el botón Confirmar del boleto las realiza, así que no se hizo ninguna. Aquí tienes tu boleto otra vez:',
    yourSlip: 'Así está tu boleto:',
    pressConfirm: 'Pulsa Confirmar en el boleto antes de 5 minutos para hacer la apuesta.',
    withdrawnBefore: 'El boleto anterior quedó retirado y ya no se puede confirmar.',
    cancelled: (s, p) => `Cancelado: tu boleto de ${s} a ${p} quedó retirado. No se hizo ninguna apuesta.`,
    nothingToCancel: 'No hay ningún boleto abierto que cancelar.',
    nothingToConfirm:
      'No hay ningún boleto abierto para confirmar. Dime un equipo y un monto, por ejemplo "20 al Real Madrid", y te preparo uno.',
    alreadyPlaced: 'Ese boleto ya se está confirmando (o ya se confirmó), así que no se puede cambiar ni cancelar aquí.',
    askStake: (p, o) => `${p} paga ${o}. ¿Cuánto quieres apostar?`,
    askStakeNoPrice: (t) => `¿Cuánto quieres apostarle a ${t}?`,
    stakeNotPositive: (t) => `El monto tiene que ser positivo, por ejemplo 10 o 25,50. ¿Cuánto quieres apostarle a ${t}?`,
    stakeUnreadable: (t) => `No pude leer ese monto. ¿Cuánto quieres apostarle a ${t}?`,
    stakeEverything: (b, t) =>
      `No voy a apostar todo tu saldo por ti (tu saldo disponible es ${b}). ¿Cuánto quieres apostarle a ${t}? Apuesta solo lo que puedas permitirte perder.`,
    stakeAboveBalance: (b) => `Eso supera tu saldo disponible (${b}). ¿Cuánto quieres apostar entonces?`,
    whichTeam: (c) => `¿Cuál de los equipos quieres decir: ${c}?`,
    or: 'o',
    notOffered: (n, k, o) =>
      `No ofrecemos ${k === 'athlete' ? `apuestas de ${n}` : n}: ${{ sport: 'ese deporte no está', athlete: 'ese deporte no está', competition: 'esa competición no está', team: 'ese equipo no está' }[k]} en nuestra casa de apuestas.${o ? ` Lo que cubrimos: ${o}.` : ''}`,
    teamsNotOffered: (n, o) =>
      `No ofrecemos ${n.slice(0, -1).join(', ')} y ${n[n.length - 1]}: esos equipos no están en nuestra casa de apuestas.${o ? ` Lo que cubrimos: ${o}.` : ''}`,
    didYouMean: (w, o) => `No encuentro ningún equipo llamado ${w}. ¿Quisiste decir ${o}?`,
    priceMoved: (c, r) => `La cuota de tu boleto abierto cambió: ${c}. Ahora, si gana, recibes ${r}. Aquí tienes el boleto actualizado; no se apuesta nada hasta que lo confirmes.`,
  },
  pt_br: {
    win: (t) => `Vitória do ${t}`,
    draw: 'Empate',
    over: (l) => `Mais de ${l} gols`,
    under: (l) => `Menos de ${l} gols`,
    bttsYes: 'Ambas marcam',
    bttsNo: 'Ambas não marcam',
    orDraw: (t) => `${t} ou empate`,
    eitherTeam: (h, a) => `${h} ou ${a} (sem empate)`,
    handicap: (t, l) => `${t} ${l}`,
    halfTime: (p) => `${p} no intervalo`,
    leg: (p, h, a, w, o) => `• ${p} — ${h} x ${a}, ${w}, a ${o}`,
    live: 'ao vivo',
    stakeLine: (s, o, r) => `Valor ${s} a ${o}: se ganhar, você recebe ${r}.`,
    changed: 'Pronto, atualizei o seu bilhete:',
    reoffered:
      'Não consigo fazer apostas pelo chat: só o botão Confirmar do bilhete faz isso, então nada foi apostado. Aqui está o seu bilhete de novo:',
    yourSlip: 'Seu bilhete está assim:',
    pressConfirm: 'Toque em Confirmar no bilhete em até 5 minutos para fazer a aposta.',
    withdrawnBefore: 'O bilhete anterior foi retirado e não pode mais ser confirmado.',
    cancelled: (s, p) => `Cancelado: o seu bilhete de ${s} em ${p} foi retirado. Nenhuma aposta foi feita.`,
    nothingToCancel: 'Não há nenhum bilhete aberto para cancelar.',
    nothingToConfirm:
      'Não há nenhum bilhete aberto para confirmar. Diga um time e um valor, por exemplo "20 no Flamengo", e eu preparo um.',
    alreadyPlaced: 'Esse bilhete já está sendo confirmado (ou já foi), então não dá para mudar nem cancelar aqui.',
    askStake: (p, o) => `${p} paga ${o}. Quanto você quer apostar?`,
    askStakeNoPrice: (t) => `Quanto você quer apostar no ${t}?`,
    stakeNotPositive: (t) => `O valor precisa ser positivo, por exemplo 10 ou 25,50. Quanto você quer apostar no ${t}?`,
    stakeUnreadable: (t) => `Não consegui ler esse valor. Quanto você quer apostar no ${t}?`,
    stakeEverything: (b, t) =>
      `Não vou apostar todo o seu saldo por você (seu saldo disponível é ${b}). Quanto quer apostar no ${t}? Aposte só o que pode perder.`,
    stakeAboveBalance: (b) => `Isso passa do seu saldo disponível (${b}). Quanto você quer apostar, então?`,
    whichTeam: (c) => `Qual dos times você quer dizer: ${c}?`,
    or: 'ou',
    notOffered: (n, k, o) =>
      `Não oferecemos ${k === 'athlete' ? `apostas de ${n}` : n}: ${{ sport: 'esse esporte não está', athlete: 'esse esporte não está', competition: 'essa competição não está', team: 'esse time não está' }[k]} na nossa casa de apostas.${o ? ` O que cobrimos: ${o}.` : ''}`,
    teamsNotOffered: (n, o) =>
      `Não oferecemos ${n.slice(0, -1).join(', ')} e ${n[n.length - 1]}: esses times não estão na nossa casa de apostas.${o ? ` O que cobrimos: ${o}.` : ''}`,
    didYouMean: (w, o) => `Não encontro nenhum time chamado ${w}. Você quis dizer ${o}?`,
    priceMoved: (c, r) => `A odd do seu bilhete aberto mudou: ${c}. Agora, se ganhar, ele retorna ${r}. Aqui está o bilhete atualizado; nada é apostado até você confirmar.`,
  },
};

interface SlipCtx {
  lang: Language;
  today?: string;
  hints?: TurnHints;
  zone?: string;
}

/**
 * "PSV vs Feyenoord", "Boca vs Belgrano": the side not offered, said before the offered side's
 * match is shown (hints.unknown.facing); undefined when the turn set no offered team against one.
 */
export function facingNotOfferedLead(hints: TurnHints | undefined, lang: Language): string | undefined {
  const unknown = hints?.unknown;
  if (!unknown?.facing) return undefined;
  // Close to an offered name ("Arsenal vs Chelsae"): asked, not refused.
  if (unknown.suggestion) return PHRASES[lang].didYouMean(unknown.name, unknown.suggestion);
  return PHRASES[lang].notOffered(unknown.name, unknown.kind, '');
}

/**
 * The offline engine's answer when the turn was about the bet slip: a slip changed, offered again
 * or cancelled, nothing open to act on, or a stake the user still has to give. Undefined when the
 * turn was about something else. Every figure comes from a tool result.
 */
export function slipSections(turn: TurnView, ctx: SlipCtx): string[] | undefined {
  const p = PHRASES[ctx.lang];
  const unknown = ctx.hints?.unknown;
  if (unknown && !ctx.hints?.entities.teams.length && !ctx.hints?.entities.tournaments.length) {
    if (unknown.suggestion) return [p.didYouMean(unknown.name, unknown.suggestion)];
    const [listing] = resultsOf(turn, 'get_tournaments');
    const offered = listing ? listing.tournaments.map((t) => t.name).join(', ') : '';
    if (unknown.others?.length) return [p.teamsNotOffered([unknown.name, ...unknown.others], offered)];
    return [p.notOffered(unknown.name, unknown.kind, offered)];
  }
  const ambiguous = ctx.hints?.ambiguous;
  if (ambiguous?.length && turn.outcomes.length === 0) {
    const names = ambiguous[0].candidates;
    const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${p.or} ${names[names.length - 1]}` : names[0];
    return [p.whichTeam(listed)];
  }
  const failed = (name: string) => turn.outcomes.find((o) => o.name === name && !o.ok)?.result.error;
  const [changed] = resultsOf(turn, 'update_bet_slip');
  if (changed) return [p.changed, ...slipLines(changed.proposal, ctx), p.withdrawnBefore, changed.line_note, p.pressConfirm].filter(isText);
  const [shown] = resultsOf(turn, 'show_bet_slip');
  if (shown) return [turn.hints?.slip?.act === 'show' ? p.yourSlip : p.reoffered, ...slipLines(shown.proposal, ctx), p.pressConfirm];
  const [cancelled] = resultsOf(turn, 'cancel_bet_slip');
  if (cancelled) {
    const proposal = cancelled.cancelled;
    const picks = proposal.selections.map((s) => pickLabel(s, ctx.lang)).join(' + ');
    return [p.cancelled(money(proposal.stake, proposal.currency, ctx.lang), picks)];
  }
  for (const name of ['cancel_bet_slip', 'show_bet_slip', 'update_bet_slip']) {
    const error = failed(name);
    if (error === 'no_open_slip') return [name === 'cancel_bet_slip' ? p.nothingToCancel : p.nothingToConfirm];
    if (error === 'slip_already_placed') return [p.alreadyPlaced];
  }
  const refused = turn.outcomes.find(
    (o) => (o.name === 'propose_bet' || o.name === 'update_bet_slip') && !o.ok && o.result.error === 'stake_above_balance',
  );
  if (refused) {
    const balance = Number(refused.result.balance);
    const currency = typeof refused.result.currency === 'string' ? refused.result.currency : 'USD';
    return [p.stakeAboveBalance(money(balance, currency, ctx.lang))];
  }
  return stakeQuestion(turn, ctx, p);
}

/** The stake is missing or unusable: show the price when there is one and ask for it. */
function stakeQuestion(turn: TurnView, ctx: SlipCtx, p: SlipPhrases): string[] | undefined {
  const hints = ctx.hints;
  if (!hints) return undefined;
  const issue = hints.slip?.stakeIssue;
  // An unusable new stake for the open slip ("make it 0"): asked about that slip's pick.
  const open = hints.open_slip;
  const forOpenSlip = !!(open && issue && !hints.entities.teams.length);
  if (hints.intent !== 'BET_SIMULATION' && !forOpenSlip) return undefined;
  // "can I bet on corners?": the answer says that market is not offered, it asks for no stake.
  if (hints.market_not_offered) return undefined;
  if (turn.outcomes.some((o) => o.name === 'propose_bet' || o.name === 'calculate_payout')) return undefined;
  // A side of the match pointed at ("and on Lazio?" after Napoli v Lazio) is that side, not the match's first team.
  const focus = hints.focus?.outcome ? hints.focus : undefined;
  const focusTeam = focus && (focus.outcome!.startsWith('away') ? focus.away_team : focus.home_team);
  const team = focusTeam ?? hints.entities.teams[0] ?? (forOpenSlip && open ? pickLabel(open.selections[0], ctx.lang) : undefined);
  if (!team) return undefined;
  if (issue === 'zero' || issue === 'negative') return [p.stakeNotPositive(team)];
  if (issue === 'unreadable') return [p.stakeUnreadable(team)];
  if (issue === 'everything') {
    const [balance] = resultsOf(turn, 'get_user_balance');
    return balance
      ? [p.stakeEverything(money(balance.playable_balance, balance.currency, ctx.lang), team)]
      : [p.askStakeNoPrice(team)];
  }
  if (hints.entities.amounts.length > 0) return undefined;
  const [priced] = resultsOf(turn, 'get_odds');
  const selection = priced && wantedSelection(priced, team, hints);
  if (!priced || !selection) return [p.askStakeNoPrice(team)];
  const f = priced.fixture;
  const pick = pickLabel(
    { market: selection.market, outcome: selection.outcome, home_team: f.home_team, away_team: f.away_team, line: selection.line },
    ctx.lang,
  );
  const when = f.status === 'live' ? p.live : kickoff(f.start_time, ctx.lang, ctx.today, ctx.zone);
  return [`${pick} (${f.home_team} vs ${f.away_team}, ${when}).`, p.askStake(pick, odd(selection.odd, ctx.lang))];
}

/** The selection the user seems to want in a priced match: their team's side of the asked market. */
function wantedSelection(
  priced: ReturnType<typeof resultsOf<'get_odds'>>[number],
  team: string,
  hints: TurnHints,
): { market: BetProposalSelection['market']; outcome: string; odd: number; line?: number } | undefined {
  const f = priced.fixture;
  const side = sameTeam(f.away_team, team) ? 'away' : 'home';
  const wanted = hints.entities.markets[0] ?? 'result';
  const market = priced.markets.find((m) => m.market === wanted) ?? priced.markets.find((m) => m.market === 'result');
  if (!market) return undefined;
  const outcome = sideOutcome(market.market, side, hints.slip?.outcome);
  const selection = market.selections.find((s) => s.outcome === outcome) ?? market.selections[0];
  return { market: market.market, outcome: selection.outcome, odd: selection.odd, ...(market.line !== undefined ? { line: market.line } : {}) };
}

function slipLines(proposal: BetProposal, ctx: SlipCtx): string[] {
  const p = PHRASES[ctx.lang];
  const legs = proposal.selections.map((s) =>
    p.leg(pickLabel(s, ctx.lang), s.home_team, s.away_team, s.live ? p.live : kickoff(s.start_time, ctx.lang, ctx.today, ctx.zone), odd(s.odd, ctx.lang)),
  );
  return [
    legs.join('\n'),
    p.stakeLine(money(proposal.stake, proposal.currency, ctx.lang), odd(proposal.combined_odd, ctx.lang), money(proposal.potential_win, proposal.currency, ctx.lang)),
  ];
}

/** How a selection reads: "Arsenal to win", "Under 2.5 goals", "Both teams to score". */
export function pickLabel(
  s: Pick<BetProposalSelection, 'market' | 'outcome' | 'home_team' | 'away_team' | 'line'>,
  lang: Language,
): string {
  const p = PHRASES[lang];
  const team = s.outcome.startsWith('away') ? s.away_team : s.home_team;
  const line = s.line !== undefined ? String(s.line) : '';
  const sided = (outcome: string) => (outcome === 'draw' ? p.draw : p.win(outcome === 'away' ? s.away_team : s.home_team));
  switch (s.market) {
    case 'over_under':
      return s.outcome === 'under' ? p.under(line) : p.over(line);
    case 'both_teams_to_score':
      return s.outcome === 'no' ? p.bttsNo : p.bttsYes;
    case 'double_chance':
      return s.outcome === 'home_or_away' ? p.eitherTeam(s.home_team, s.away_team) : p.orDraw(team);
    case 'handicap':
      return p.handicap(team, line && Number(line) > 0 ? `+${line}` : line);
    case 'half_time_result':
      return p.halfTime(sided(s.outcome));
    case 'result':
    case 'win':
      return sided(s.outcome);
  }
}

function isText(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * The short message of a live slip alert: each pick whose price moved, old → new, and what the
 * slip at the new prices returns ("Arsenal to win: 2.10 → 2.25. It now returns $112.50.").
 */
export function slipPriceAlert(old: BetProposal, fresh: BetProposal, lang: Language): string {
  const changes = fresh.selections
    .map((now, i) => ({ now, before: old.selections[i] }))
    .filter(({ now, before }) => before !== undefined && before.odd !== now.odd)
    .map(({ now, before }) => `${pickLabel(now, lang)} ${odd(before.odd, lang)} → ${odd(now.odd, lang)}`);
  return PHRASES[lang].priceMoved(joinList(changes, lang), money(fresh.potential_win, fresh.currency, lang));
}
