/**
 * The organization settings the interface names things by: today the executive's title
 * (kommunedirektør / rådmann), which the executive role's label follows. Null until known.
 */
class OrganizationSettings {
  /** The signed-in person's own organization's title: used outside a strategy. */
  executiveTitle = $state<string | null>(null);
  /**
   * On a strategy's pages, the title of the strategy's own organization, set by the strategy layout
   * and null elsewhere. In a joint strategy the members of a neighbour municipality would otherwise
   * name the executive by their own title; the host organization runs the process and its executive
   * approves, so everyone in the strategy names the role by the host's title, as its documents do.
   */
  strategyExecutiveTitle = $state<string | null>(null);
}

export const organizationSettings = new OrganizationSettings();
