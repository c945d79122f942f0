import * as path from 'node:path';
import { seedCatalogue } from '../src/nlu/catalogue/seed-catalogue';
import type { Catalogue } from '../src/sports-api/domain';

interface SimulatorCatalogue {
  TOURNAMENTS?: Array<{ id: string; sportId: string; name: { en: string }; teamIds: string[] }>;
  TEAMS?: Array<{ id: string; name: { en: string } }>;
}

/**
 * The catalogue the embedded simulator serves (its exported static catalogue, English names as
 * the API answers by default), or the built-in fixture when the simulator is not in this tree.
 * Loaded by path at run time so the eval works both from ts-node and from dist/.
 */
export function loadCatalogue(): { catalogue: Catalogue; source: string } {
  try {
    // A run-time require by path: the simulator is optional here and may be absent from a tree.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const simulator = require(
      path.resolve(__dirname, '../libs/sports-api-simulator/src'),
    ) as SimulatorCatalogue;
    if (simulator.TOURNAMENTS?.length && simulator.TEAMS?.length) {
      const teamName = new Map(simulator.TEAMS.map((t) => [t.id, t.name.en]));
      const tournamentsOf = new Map<string, string[]>();
      for (const t of simulator.TOURNAMENTS) {
        for (const id of t.teamIds) {
          const name = teamName.get(id);
          if (name) tournamentsOf.set(name, [...(tournamentsOf.get(name) ?? []), t.id]);
        }
      }
      return {
        source: 'simulator catalogue',
        catalogue: {
          tournaments: simulator.TOURNAMENTS.map((t) => ({ id: t.id, sportId: t.sportId, name: t.name.en })),
          teams: [...tournamentsOf.entries()].map(([name, tournamentIds]) => ({ name, tournamentIds })),
        },
      };
    }
  } catch {
    // No simulator in this tree (or it failed to load): fall back to the fixture below.
  }
  return { source: 'built-in catalogue fixture', catalogue: seedCatalogue() };
}
