import { CatalogueResolver } from '../../nlu/catalogue/catalogue-resolver';
import type { SportsData } from './sports-data.port';

/** How long a built resolver is reused before the catalogue is read again (it is cached upstream). */
const REFRESH_MS = 10 * 60 * 1000;

/**
 * Turns the names a model writes ("barca", "Man Utd", "Barcelonna") into the catalogue's
 * spelling, so tools accept whatever the model passes. Falls back to the name as given when the
 * catalogue cannot be read: the fixture filter still matches it loosely.
 */
export class ToolNameResolver {
  private resolver?: CatalogueResolver;
  private builtAt = 0;
  private building?: Promise<CatalogueResolver | undefined>;

  constructor(private readonly data: SportsData) {}

  async team(name: string): Promise<string> {
    return (await this.current())?.resolveTeam(name)?.name ?? name.trim();
  }

  async tournament(name: string): Promise<string> {
    return (await this.current())?.resolveTournament(name)?.name ?? name.trim();
  }

  private async current(): Promise<CatalogueResolver | undefined> {
    if (this.resolver && Date.now() - this.builtAt < REFRESH_MS) return this.resolver;
    this.building ??= this.data
      .catalogue()
      .then(({ data }) => {
        this.resolver = CatalogueResolver.fromCatalogue(data);
        this.builtAt = Date.now();
        return this.resolver;
      })
      .catch(() => this.resolver)
      .finally(() => (this.building = undefined));
    return this.building;
  }
}
