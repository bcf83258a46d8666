/**
 * The signed-in person's organization settings the interface names things by: today the executive's
 * title (kommunedirektør / rådmann), which the executive role's label follows. Null until known.
 */
class OrganizationSettings {
  executiveTitle = $state<string | null>(null);
}

export const organizationSettings = new OrganizationSettings();
