// Public surface of the ChatBet API simulator. The Nest app embeds it when no real
// CHATBET_API_BASE_URL is configured, and the client's tests start it on an ephemeral port.
export type { FaultSettings } from './faults';
export type { SimulatorOptions, RunningSimulator, OddsShape, UpstreamStats } from './simulator';
export { startSimulator, createSimulatorApp } from './simulator';
export { SPORTS, TOURNAMENTS, TEAMS, FEATURED_FIXTURE_ID, DEFAULT_TOURNAMENT_ID } from './catalogue';
export type { SportEntry, TournamentEntry, TeamEntry, Localised, LanguageCode } from './catalogue';
