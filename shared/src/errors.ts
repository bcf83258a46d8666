/**
 * The catalogue of API error codes with their user-facing messages. The server answers
 * `{error:{code,message}}` with the message in the caller's language; the web app shows it.
 * Every message says what happened and what to do next.
 */
export type Locale = 'nb' | 'nn' | 'en';
export const LOCALES: readonly Locale[] = ['nb', 'nn', 'en'];

export const ERROR_MESSAGES = {
  bad_request: {
    nb: 'Forespørselen var ikke gyldig. Kontroller feltene og prøv igjen.',
    nn: 'Førespurnaden var ikkje gyldig. Kontroller felta og prøv igjen.',
    en: 'The request was not valid. Check the fields and try again.',
  },
  invalid_credentials: {
    nb: 'Feil e-postadresse eller passord. Prøv igjen.',
    nn: 'Feil e-postadresse eller passord. Prøv igjen.',
    en: 'Wrong e-mail address or password. Try again.',
  },
  passwords_off: {
    nb: 'Kommunen har slått av innlogging med passord. Logg inn med kommunens pålogging (knappen over).',
    nn: 'Kommunen har slått av innlogging med passord. Logg inn med påloggingen til kommunen (knappen over).',
    en: "Your municipality has switched password login off. Sign in with the municipality's sign-in (the button above).",
  },
  password_change_passwords_off: {
    nb: 'Kommunen har slått av innlogging med passord, så du kan ikke endre passord her. Du logger inn med kommunens pålogging; passordet endrer du hos kommunen.',
    nn: 'Kommunen har slått av innlogging med passord, så du kan ikkje endre passord her. Du loggar inn med påloggingen til kommunen; passordet endrar du hos kommunen.',
    en: "Your municipality has switched password login off, so you cannot change a password here. You sign in with the municipality's sign-in; change your password with the municipality.",
  },
  sso_provider_taken: {
    nb: 'Det finnes allerede en innlogging med denne kortnavnet. Velg et annet kortnavn.',
    nn: 'Det finst alt ei innlogging med dette kortnamnet. Vel eit anna kortnamn.',
    en: 'A sign-in with this short name already exists. Choose another short name.',
  },
  sso_secret_key_missing: {
    nb: 'Serveren kan ikke lagre hemmeligheter fordi SAMSTRAT_SECRET_KEY ikke er satt. Be driftsansvarlig sette den, eller bruk en offentlig klient uten hemmelighet.',
    nn: 'Serveren kan ikkje lagre løyndomar fordi SAMSTRAT_SECRET_KEY ikkje er sett. Be driftsansvarleg setje han, eller bruk ein offentleg klient utan løyndom.',
    en: 'The server cannot store secrets because SAMSTRAT_SECRET_KEY is not set. Ask operations to set it, or use a public client without a secret.',
  },
  sso_http_issuer: {
    nb: 'Utstederen må være en https-adresse. Kontroller adressen fra innloggingstjenesten.',
    nn: 'Utferdaren må vere ei https-adresse. Kontroller adressa frå innloggingstenesta.',
    en: 'The issuer must be an https address. Check the address from the sign-in service.',
  },
  passwords_off_needs_provider: {
    nb: 'Passord kan ikke slås av før kommunen har en innlogging som virker. Legg til en innlogging og prøv den først.',
    nn: 'Passord kan ikkje slåast av før kommunen har ei innlogging som verkar. Legg til ei innlogging og prøv ho først.',
    en: 'Passwords cannot be switched off until the municipality has a sign-in that works. Add a sign-in and try it first.',
  },
  passwords_off_needs_break_glass: {
    nb: 'Velg en nødadministrator som fortsatt kan logge inn med passord hvis kommunens pålogging svikter.',
    nn: 'Vel ein naudadministrator som framleis kan logge inn med passord viss påloggingen til kommunen sviktar.',
    en: "Choose an emergency administrator who can still log in with a password if the municipality's sign-in fails.",
  },
  too_many_attempts: {
    nb: 'For mange innloggingsforsøk. Vent noen minutter og prøv igjen.',
    nn: 'For mange innloggingsforsøk. Vent nokre minutt og prøv igjen.',
    en: 'Too many login attempts. Wait a few minutes and try again.',
  },
  unauthenticated: {
    nb: 'Du er ikke logget inn, eller økten er utløpt. Logg inn på nytt.',
    nn: 'Du er ikkje logga inn, eller økta har gått ut. Logg inn på nytt.',
    en: 'You are not logged in, or your session has expired. Log in again.',
  },
  forbidden: {
    nb: 'Du har ikke tilgang til dette. Spør prosjektlederen om du trenger tilgang.',
    nn: 'Du har ikkje tilgang til dette. Spør prosjektleiaren om du treng tilgang.',
    en: 'You do not have access to this. Ask the project leader if you need access.',
  },
  foreign_origin: {
    nb: 'Forespørselen kom fra en annen nettside og ble avvist. Bruk Samstrat direkte.',
    nn: 'Førespurnaden kom frå ei anna nettside og vart avvist. Bruk Samstrat direkte.',
    en: 'The request came from another website and was refused. Use Samstrat directly.',
  },
  not_found: {
    nb: 'Fant ikke det du så etter. Det kan være slettet, eller du har ikke tilgang.',
    nn: 'Fann ikkje det du såg etter. Det kan vere sletta, eller du har ikkje tilgang.',
    en: 'Not found. It may have been deleted, or you do not have access.',
  },
  payload_too_large: {
    nb: 'Innholdet er for stort. Del det opp og prøv igjen.',
    nn: 'Innhaldet er for stort. Del det opp og prøv igjen.',
    en: 'The content is too large. Split it up and try again.',
  },
  comment_empty: {
    nb: 'Kommentaren er tom. Skriv noe og prøv igjen.',
    nn: 'Kommentaren er tom. Skriv noko og prøv igjen.',
    en: 'The comment is empty. Write something and try again.',
  },
  comment_too_long: {
    nb: 'Kommentaren er for lang (mer enn 5 000 tegn). Kort den ned eller del den i flere kommentarer.',
    nn: 'Kommentaren er for lang (meir enn 5 000 teikn). Kort han ned eller del han i fleire kommentarar.',
    en: 'The comment is too long (more than 5,000 characters). Shorten it or split it into several comments.',
  },
  suggestion_too_long: {
    nb: 'Tekstforslaget er for langt (mer enn 5 000 tegn). Foreslå endringer for mindre deler av teksten.',
    nn: 'Tekstframlegget er for langt (meir enn 5 000 teikn). Foreslå endringar for mindre delar av teksten.',
    en: 'The suggested text is too long (more than 5,000 characters). Suggest changes to smaller parts of the text.',
  },
  anchor_invalid: {
    nb: 'Fant ikke teksten du markerte. Den kan være endret i mellomtiden. Marker teksten på nytt og prøv igjen.',
    nn: 'Fann ikkje teksten du markerte. Han kan vere endra i mellomtida. Marker teksten på nytt og prøv igjen.',
    en: 'The text you selected was not found. It may have changed meanwhile. Select the text again and try again.',
  },
  anchor_malformed: {
    nb: 'Markeringen kommentaren skulle festes til, kunne ikke leses. Last inn siden på nytt, marker teksten igjen og prøv på nytt.',
    nn: 'Markeringa kommentaren skulle festast til, kunne ikkje lesast. Last inn sida på nytt, marker teksten igjen og prøv på nytt.',
    en: 'The selection the comment was to be attached to could not be read. Reload the page, select the text again and try again.',
  },
  reason_required: {
    nb: 'Skriv en begrunnelse når du avviser et forslag, så forslagsstilleren forstår hvorfor.',
    nn: 'Skriv ei grunngiving når du avviser eit framlegg, så den som foreslo det, forstår kvifor.',
    en: 'Give a reason when you reject a suggestion, so its author understands why.',
  },
  reason_too_long: {
    nb: 'Begrunnelsen er for lang (mer enn 1 000 tegn). Kort den ned og prøv igjen.',
    nn: 'Grunngivinga er for lang (meir enn 1 000 teikn). Kort ho ned og prøv igjen.',
    en: 'The reason is too long (more than 1,000 characters). Shorten it and try again.',
  },
  suggestion_decided: {
    nb: 'Forslaget er allerede godtatt eller avvist. Last inn kommentarene på nytt for å se hva som skjedde.',
    nn: 'Framlegget er allereie godteke eller avvist. Last inn kommentarane på nytt for å sjå kva som skjedde.',
    en: 'The suggestion has already been accepted or rejected. Reload the comments to see what happened.',
  },
  suggestion_detached: {
    nb: 'Teksten forslaget gjelder, er slettet, så forslaget kan ikke tas inn. Svar i tråden eller avvis forslaget.',
    nn: 'Teksten framlegget gjeld, er sletta, så framlegget kan ikkje takast inn. Svar i tråden eller avvis framlegget.',
    en: 'The text the suggestion concerns has been deleted, so it cannot be applied. Reply in the thread or reject it.',
  },
  comment_deleted: {
    nb: 'Kommentaren er slettet og kan ikke endres. Skriv en ny kommentar i stedet.',
    nn: 'Kommentaren er sletta og kan ikkje endrast. Skriv ein ny kommentar i staden.',
    en: 'The comment has been deleted and cannot be changed. Write a new comment instead.',
  },
  invitation_not_found: {
    nb: 'Fant ikke invitasjonen. Kontroller at du har kopiert hele lenken, eller be om en ny invitasjon.',
    nn: 'Fann ikkje invitasjonen. Kontroller at du har kopiert heile lenkja, eller be om ein ny invitasjon.',
    en: 'The invitation was not found. Check that you copied the whole link, or ask for a new invitation.',
  },
  invitation_used: {
    nb: 'Invitasjonen er allerede brukt. Logg inn, eller be prosjektlederen om en ny invitasjon.',
    nn: 'Invitasjonen er allereie brukt. Logg inn, eller be prosjektleiaren om ein ny invitasjon.',
    en: 'The invitation has already been used. Log in, or ask the project leader for a new invitation.',
  },
  invitation_expired: {
    nb: 'Invitasjonen er utløpt eller trukket tilbake. Be prosjektlederen om en ny invitasjon.',
    nn: 'Invitasjonen har gått ut eller er trekt tilbake. Be prosjektleiaren om ein ny invitasjon.',
    en: 'The invitation has expired or was withdrawn. Ask the project leader for a new invitation.',
  },
  invitation_login_required: {
    nb: 'Det finnes allerede en konto med denne e-postadressen. Logg inn med den og åpne lenken på nytt.',
    nn: 'Det finst allereie ein konto med denne e-postadressa. Logg inn med han og opne lenkja på nytt.',
    en: 'An account with this e-mail address already exists. Log in with it and open the link again.',
  },
  invitation_wrong_account: {
    nb: 'Invitasjonen gjelder en annen e-postadresse enn den du er logget inn med. Logg ut og åpne lenken på nytt.',
    nn: 'Invitasjonen gjeld ei anna e-postadresse enn den du er logga inn med. Logg ut og opne lenkja på nytt.',
    en: 'The invitation is for another e-mail address than the one you are logged in with. Log out and open the link again.',
  },
  already_member: {
    nb: 'Personen er allerede medlem av strategien. Endre rollen i medlemslisten i stedet.',
    nn: 'Personen er allereie medlem av strategien. Endre rolla i medlemslista i staden.',
    en: 'This person is already a member of the strategy. Change their role in the member list instead.',
  },
  last_leader: {
    nb: 'Strategien må ha minst én prosjektleder. Gi et annet medlem rollen prosjektleder først.',
    nn: 'Strategien må ha minst éin prosjektleiar. Gi eit anna medlem rolla prosjektleiar først.',
    en: 'The strategy must have at least one project leader. Give another member the project leader role first.',
  },
  invalid_owner: {
    nb: 'Eiere av et delkapittel må være medlemmer som kan redigere. Velg blant prosjektgruppen, rådgivere og prosjektledere.',
    nn: 'Eigarar av eit delkapittel må vere medlemer som kan redigere. Vel blant prosjektgruppa, rådgivarar og prosjektleiarar.',
    en: 'Section owners must be members who may edit. Choose among the project group, advisors and project leaders.',
  },
  name_required: {
    nb: 'Skriv inn navnet ditt.',
    nn: 'Skriv inn namnet ditt.',
    en: 'Enter your name.',
  },
  password_too_short: {
    nb: 'Passordet må ha minst 12 tegn. Velg et lengre passord.',
    nn: 'Passordet må ha minst 12 teikn. Vel eit lengre passord.',
    en: 'The password must have at least 12 characters. Choose a longer password.',
  },
  wrong_current_password: {
    nb: 'Det nåværende passordet er feil. Prøv igjen.',
    nn: 'Det noverande passordet er feil. Prøv igjen.',
    en: 'The current password is wrong. Try again.',
  },
  cannot_deactivate_self: {
    nb: 'Du kan ikke deaktivere din egen konto. Be en annen administrator om å gjøre det.',
    nn: 'Du kan ikkje deaktivere din eigen konto. Be ein annan administrator om å gjere det.',
    en: 'You cannot deactivate your own account. Ask another administrator to do it.',
  },
  export_unavailable: {
    nb: 'Eksporten kunne ikke lages fordi serveren mangler skrifttypen den trenger. Be driftsansvarlig kjøre npm install, og prøv igjen.',
    nn: 'Eksporten kunne ikkje lagast fordi serveren manglar skrifttypen han treng. Be driftsansvarleg køyre npm install, og prøv igjen.',
    en: 'The export could not be made because the server lacks the font it needs. Ask the operator to run npm install, then try again.',
  },
  wrong_stage: {
    nb: 'Strategien er ikke lenger på et trinn der dette kan gjøres. Last inn siden på nytt for å se hvor prosessen står.',
    nn: 'Strategien er ikkje lenger på eit steg der dette kan gjerast. Last inn sida på nytt for å sjå kvar prosessen står.',
    en: 'The strategy is no longer at a stage where this can be done. Reload the page to see where the process stands.',
  },
  stale_hash: {
    nb: 'Teksten du godkjente, er ikke lenger kandidaten til godkjenning. Last inn siden på nytt og se gjennom den gjeldende versjonen.',
    nn: 'Teksten du godkjende, er ikkje lenger kandidaten til godkjenning. Last inn sida på nytt og sjå gjennom den gjeldande versjonen.',
    en: 'The text you approved is no longer the candidate for approval. Reload the page and review the current version.',
  },
  already_decided: {
    nb: 'Du har allerede godkjent denne versjonen. Du får en ny mulighet hvis teksten sendes tilbake og sendes inn på nytt.',
    nn: 'Du har allereie godkjent denne versjonen. Du får ein ny sjanse om teksten vert send tilbake og send inn på nytt.',
    en: 'You have already approved this version. You get a new chance if the text is returned and submitted again.',
  },
  return_reason_required: {
    nb: 'Skriv en begrunnelse når du sender teksten tilbake, så prosjektgruppen vet hva som må endres.',
    nn: 'Skriv ei grunngiving når du sender teksten tilbake, så prosjektgruppa veit kva som må endrast.',
    en: 'Give a reason when you return the text, so the project group knows what to change.',
  },
  unknown_council: {
    nb: 'Organet er ikke ett av dem som skal vedta strategien. Velg et organ fra listen, eller endre prosessinnstillingene.',
    nn: 'Organet er ikkje eitt av dei som skal vedta strategien. Vel eit organ frå lista, eller endre prosessinnstillingane.',
    en: 'That body is not one of those that adopt the strategy. Choose one from the list, or change the process settings.',
  },
  council_decided: {
    nb: 'Vedtaket for dette organet er allerede registrert. Last inn siden på nytt for å se det.',
    nn: 'Vedtaket for dette organet er allereie registrert. Last inn sida på nytt for å sjå det.',
    en: 'The decision of this body is already recorded. Reload the page to see it.',
  },
  other_council: {
    nb: 'Vedtaket til dette kommunestyret registreres av kommunen selv. Be en prosjektleder eller kommunedirektør i den kommunen registrere det.',
    nn: 'Vedtaket til dette kommunestyret vert registrert av kommunen sjølv. Be ein prosjektleiar eller kommunedirektør i den kommunen registrere det.',
    en: 'This council’s decision is recorded by its own municipality. Ask a project leader or chief executive there to record it.',
  },
  councils_bound: {
    nb: 'I en felles strategi vedtar hver deltakende kommune gjennom sitt eget kommunestyre. Organene kan ikke endres her.',
    nn: 'I ein felles strategi vedtek kvar deltakande kommune gjennom sitt eige kommunestyre. Organa kan ikkje endrast her.',
    en: 'In a joint strategy each participating municipality adopts through its own council. The bodies cannot be changed here.',
  },
  unknown_organization: {
    nb: 'En av de valgte kommunene finnes ikke i denne installasjonen. Velg kommuner fra listen og prøv igjen.',
    nn: 'Ein av dei valde kommunane finst ikkje i denne installasjonen. Vel kommunar frå lista og prøv igjen.',
    en: 'One of the chosen municipalities does not exist in this installation. Choose municipalities from the list and try again.',
  },
  participants_admin_only: {
    nb: 'Bare en administrator i kommunen kan invitere andre kommuner til en felles strategi. Be en administrator opprette den.',
    nn: 'Berre ein administrator i kommunen kan invitere andre kommunar til ein felles strategi. Be ein administrator opprette han.',
    en: 'Only an administrator of the municipality can invite other municipalities to a joint strategy. Ask an administrator to create it.',
  },
  meeting_not_participant: {
    nb: 'Kommunen din deltar ikke i denne strategien, så du kan ikke registrere drøftingsmøte for den.',
    nn: 'Kommunen din deltek ikkje i denne strategien, så du kan ikkje registrere drøftingsmøte for han.',
    en: 'Your municipality does not take part in this strategy, so you cannot record a discussion meeting for it.',
  },
  union_representative_other_employer: {
    nb: 'Drøftingsmøtet holdes med arbeidsgiverens egne tillitsvalgte. Velg tillitsvalgte som er medlemmer av strategien fra din kommune.',
    nn: 'Drøftingsmøtet vert halde med arbeidsgjevaren sine eigne tillitsvalde. Vel tillitsvalde som er medlemer av strategien frå kommunen din.',
    en: 'The discussion meeting is held with the employer’s own union representatives. Choose union representatives from your municipality who are members of the strategy.',
  },
  period_invalid: {
    nb: 'Perioden er ikke gyldig: sluttåret må være samme år som startåret eller senere. Rett årstallene og prøv igjen.',
    nn: 'Perioden er ikkje gyldig: sluttåret må vere same år som startåret eller seinare. Rett årstala og prøv igjen.',
    en: 'The period is not valid: the end year must be the start year or later. Correct the years and try again.',
  },
  period_too_long: {
    nb: 'En strategi dekker høyst fire år. Velg en kortere periode.',
    nn: 'Ein strategi dekkjer høgst fire år. Vel ein kortare periode.',
    en: 'A strategy covers at most four years. Choose a shorter period.',
  },
  invalid_project_leader: {
    nb: 'Prosjektlederen må være medlem av strategien med rollen prosjektleder. Gi personen rollen først, eller velg en annen.',
    nn: 'Prosjektleiaren må vere medlem av strategien med rolla prosjektleiar. Gi personen rolla først, eller vel ein annan.',
    en: 'The project leader must be a member of the strategy with the project leader role. Give them the role first, or choose someone else.',
  },
  text_frozen: {
    nb: 'Teksten er låst mens den er til godkjenning, og kan ikke endres nå. Be om at den sendes tilbake til utkast hvis noe må rettes.',
    nn: 'Teksten er låst medan han er til godkjenning, og kan ikkje endrast no. Be om at han vert send tilbake til utkast om noko må rettast.',
    en: 'The text is frozen while it is under approval and cannot be changed now. Ask for it to be returned to draft if something must be corrected.',
  },
  plan_year_invalid: {
    nb: 'Årstallet er ikke gyldig. Skriv et årstall med fire sifre, for eksempel 2027.',
    nn: 'Årstalet er ikkje gyldig. Skriv eit årstal med fire siffer, til dømes 2027.',
    en: 'The year is not valid. Enter a four-digit year, for example 2027.',
  },
  plan_year_outside_period: {
    nb: 'Handlingsplanen må gjelde et år i strategiperioden. Velg et år innenfor perioden.',
    nn: 'Handlingsplanen må gjelde eit år i strategiperioden. Vel eit år innanfor perioden.',
    en: 'The action plan must be for a year in the strategy period. Choose a year within the period.',
  },
  plan_due_date_past: {
    nb: 'Fristen kan ikke være en dag som har vært. Velg i dag eller en senere dato.',
    nn: 'Fristen kan ikkje vere ein dag som har vore. Vel i dag eller ein seinare dato.',
    en: 'The due date cannot be a day that has passed. Choose today or a later date.',
  },
  plan_round_nothing_to_ask: {
    nb: 'Planen har ingen tiltak som gjenstår, så det er ingen å be om status. Legg til tiltak først.',
    nn: 'Planen har ingen tiltak som står att, så det er ingen å be om status. Legg til tiltak først.',
    en: 'The plan has no unfinished measures, so there is nobody to ask for status. Add measures first.',
  },
  plan_round_all_answered: {
    nb: 'Alle har svart i statusrunden. Det er ingen å minne på.',
    nn: 'Alle har svart i statusrunden. Det er ingen å minne på.',
    en: 'Everyone has answered in the status round. There is nobody to remind.',
  },
  plan_case_number_required: {
    nb: 'Skriv saksnummeret for vedtaket, for eksempel 2026/1234.',
    nn: 'Skriv saksnummeret for vedtaket, til dømes 2026/1234.',
    en: 'Enter the case number of the decision, for example 2026/1234.',
  },
  plan_state_invalid: {
    nb: 'Planen er ikke i en fase der dette kan gjøres. Last inn siden på nytt og se hva planen står i.',
    nn: 'Planen er ikkje i ein fase der dette kan gjerast. Last inn sida på nytt og sjå kva planen står i.',
    en: 'The plan is not at a stage where this can be done. Reload the page to see its stage.',
  },
  plan_approval_current: {
    nb: 'Planen er allerede godkjent slik den er nå.',
    nn: 'Planen er allereie godkjend slik han er no.',
    en: 'The plan is already approved as it is now.',
  },
  plan_approval_void: {
    nb: 'Innholdet i planen er endret etter godkjenningen. Planen må godkjennes på nytt før oppfølgingen starter.',
    nn: 'Innhaldet i planen er endra etter godkjenninga. Planen må godkjennast på nytt før oppfølginga startar.',
    en: 'The plan’s content has changed since it was approved. It must be approved again before follow-up starts.',
  },
  plan_changed_since_seen: {
    nb: 'Noen endret planen mens du så på den. Se gjennom endringene og godkjenn på nytt.',
    nn: 'Nokon endra planen medan du såg på han. Sjå gjennom endringane og godkjenn på nytt.',
    en: 'Someone changed the plan while you were looking at it. Review the changes and approve again.',
  },
  measure_move_gone: {
    nb: 'Setningen står ikke lenger i teksten slik kontrollen fant den. Last siden på nytt og prøv igjen.',
    nn: 'Setninga står ikkje lenger i teksten slik kontrollen fann ho. Last sida på nytt og prøv igjen.',
    en: 'The sentence is no longer in the text as the check found it. Reload the page and try again.',
  },
  plan_exists: {
    nb: 'Det finnes allerede en handlingsplan for dette året. Åpne den i stedet.',
    nn: 'Det finst allereie ein handlingsplan for dette året. Opne han i staden.',
    en: 'An action plan for this year already exists. Open it instead.',
  },
  plan_title_required: {
    nb: 'Tiltaket må ha en tittel. Skriv en kort tittel og prøv igjen.',
    nn: 'Tiltaket må ha ein tittel. Skriv ein kort tittel og prøv igjen.',
    en: 'The measure needs a title. Enter a short title and try again.',
  },
  plan_text_too_long: {
    nb: 'En av tekstene er for lang. Kort den ned og prøv igjen.',
    nn: 'Ein av tekstane er for lang. Kort han ned og prøv igjen.',
    en: 'One of the texts is too long. Shorten it and try again.',
  },
  plan_goal_required: {
    nb: 'Tiltaket må knyttes til minst ett mål i strategien. Velg et mål og prøv igjen.',
    nn: 'Tiltaket må knytast til minst eitt mål i strategien. Vel eit mål og prøv igjen.',
    en: 'The measure must be linked to at least one goal of the strategy. Choose a goal and try again.',
  },
  plan_goal_unknown: {
    nb: 'Et av målene finnes ikke lenger i strategiteksten. Last inn siden på nytt og velg blant målene som står der nå.',
    nn: 'Eitt av måla finst ikkje lenger i strategiteksten. Last inn sida på nytt og vel blant måla som står der no.',
    en: 'One of the goals is no longer in the strategy text. Reload the page and choose among the goals there now.',
  },
  plan_owner_invalid: {
    nb: 'Ansvarlig for tiltaket må være et medlem av strategien som kan rapportere status. Velg en annen person.',
    nn: 'Ansvarleg for tiltaket må vere eit medlem av strategien som kan rapportere status. Vel ein annan person.',
    en: 'The person responsible for the measure must be a member of the strategy who may report status. Choose someone else.',
  },
  plan_years_invalid: {
    nb: 'Sluttåret må være samme år som startåret eller senere. Rett årstallene og prøv igjen.',
    nn: 'Sluttåret må vere same år som startåret eller seinare. Rett årstala og prøv igjen.',
    en: 'The end year must be the start year or later. Correct the years and try again.',
  },
  plan_budget_invalid: {
    nb: 'Budsjettet er ikke gyldig: bruk hele kroner (ikke negative), ett beløp per år, og bare år tiltaket varer.',
    nn: 'Budsjettet er ikkje gyldig: bruk heile kroner (ikkje negative), eitt beløp per år, og berre år tiltaket varer.',
    en: 'The budget is not valid: use whole kroner (not negative), one amount per year, and only years the measure runs.',
  },
  plan_indicator_invalid: {
    nb: 'En indikator mangler navn eller har et tall som ikke er gyldig. Rett indikatoren og prøv igjen.',
    nn: 'Ein indikator manglar namn eller har eit tal som ikkje er gyldig. Rett indikatoren og prøv igjen.',
    en: 'An indicator lacks a name or has a figure that is not valid. Correct the indicator and try again.',
  },
  plan_date_invalid: {
    nb: 'Datoen er ikke gyldig. Bruk formatet ÅÅÅÅ-MM-DD.',
    nn: 'Datoen er ikkje gyldig. Bruk formatet ÅÅÅÅ-MM-DD.',
    en: 'The date is not valid. Use the format YYYY-MM-DD.',
  },
  plan_conflict: {
    nb: 'Noen andre endret det samme feltet samtidig. Ingenting av endringen din er lagret. Se begge verdiene og velg hvilken som skal gjelde.',
    nn: 'Nokon andre endra det same feltet samstundes. Ingenting av endringa di er lagra. Sjå begge verdiane og vel kva for ein som skal gjelde.',
    en: 'Someone else changed the same field at the same time. None of your change was saved. See both values and choose which should apply.',
  },
  strategy_title_required: {
    nb: 'Strategien må ha en tittel. Skriv en tittel og prøv igjen.',
    nn: 'Strategien må ha ein tittel. Skriv ein tittel og prøv igjen.',
    en: 'The strategy needs a title. Enter a title and try again.',
  },
  strategy_title_too_long: {
    nb: 'Tittelen er for lang (mer enn 200 tegn). Kort den ned og prøv igjen.',
    nn: 'Tittelen er for lang (meir enn 200 teikn). Kort han ned og prøv igjen.',
    en: 'The title is too long (more than 200 characters). Shorten it and try again.',
  },
  area_title_required: {
    nb: 'Et eget område må ha et navn. Skriv navnet, eller fjern området.',
    nn: 'Eit eige område må ha eit namn. Skriv namnet, eller fjern området.',
    en: 'An area of your own needs a name. Enter the name, or remove the area.',
  },
  area_title_too_long: {
    nb: 'Navnet på et eget område er for langt (mer enn 120 tegn). Kort det ned og prøv igjen.',
    nn: 'Namnet på eit eige område er for langt (meir enn 120 teikn). Kort det ned og prøv igjen.',
    en: 'The name of an area of your own is too long (more than 120 characters). Shorten it and try again.',
  },
  unknown_template_area: {
    nb: 'Et av de valgte områdene finnes ikke i malen. Last inn siden på nytt og velg igjen.',
    nn: 'Eitt av dei valde områda finst ikkje i malen. Last inn sida på nytt og vel igjen.',
    en: 'One of the chosen areas is not in the template. Reload the page and choose again.',
  },
  strategy_archived: {
    nb: 'Strategien er arkivert og kan bare leses. En administrator i kommunen kan gjenopprette den.',
    nn: 'Strategien er arkivert og kan berre lesast. Ein administrator i kommunen kan gjenopprette han.',
    en: 'The strategy is archived and can only be read. An administrator of the municipality can restore it.',
  },
  strategy_adopted: {
    nb: 'Strategien er vedtatt, så tittel og periode kan ikke endres. Start neste periode som en ny strategi.',
    nn: 'Strategien er vedteken, så tittel og periode kan ikkje endrast. Start neste periode som ein ny strategi.',
    en: 'The strategy is adopted, so its title and period can no longer change. Start the next period as a new strategy.',
  },
  strategy_not_empty: {
    nb: 'Strategien har allerede tekst, kommentarer, versjoner eller flere medlemmer, og kan ikke slettes. Arkiver den i stedet.',
    nn: 'Strategien har alt tekst, kommentarar, versjonar eller fleire medlemmer, og kan ikkje slettast. Arkiver han i staden.',
    en: 'The strategy already has text, comments, versions or more members, and cannot be deleted. Archive it instead.',
  },
  password_reset_invalid: {
    nb: 'Lenken for nytt passord er ugyldig, allerede brukt eller utløpt. Be om en ny lenke.',
    nn: 'Lenkja for nytt passord er ugyldig, allereie brukt eller gått ut. Be om ei ny lenkje.',
    en: 'The link for a new password is invalid, already used or expired. Ask for a new link.',
  },
  password_reset_unavailable: {
    nb: 'Samstrat kan ikke sende e-post her. Be en administrator om å sette et nytt passord for deg.',
    nn: 'Samstrat kan ikkje sende e-post her. Be ein administrator om å setje eit nytt passord for deg.',
    en: 'Samstrat cannot send e-mail here. Ask an administrator to set a new password for you.',
  },
  unknown_parent: {
    nb: 'Kapitlet du ville legge delen under, finnes ikke lenger. Last inn siden og velg et annet kapittel.',
    nn: 'Kapitlet du ville leggje delen under, finst ikkje lenger. Last inn sida og vel eit anna kapittel.',
    en: 'The chapter you wanted to put the part under no longer exists. Reload the page and choose another chapter.',
  },
  outline_mismatch: {
    nb: 'Disposisjonen er endret av noen andre i mellomtiden. Last inn siden og flytt delen på nytt.',
    nn: 'Disposisjonen er endra av nokon andre i mellomtida. Last inn sida og flytt delen på nytt.',
    en: 'Someone else changed the outline meanwhile. Reload the page and move the part again.',
  },
  substrategy_self: {
    nb: 'En strategi kan ikke være delstrategi for seg selv. Velg en annen strategi i organisasjonen.',
    nn: 'Ein strategi kan ikkje vere delstrategi for seg sjølv. Vel ein annan strategi i organisasjonen.',
    en: 'A strategy cannot be its own sub-strategy. Choose another strategy of the organization.',
  },
  substrategy_chapter: {
    nb: 'Bare et område under et kapittel kan ha en delstrategi. Velg et område.',
    nn: 'Berre eit område under eit kapittel kan ha ein delstrategi. Vel eit område.',
    en: 'Only an area under a chapter can have a sub-strategy. Choose an area.',
  },
  section_has_areas: {
    nb: 'Kapitlet har fortsatt områder under seg. Flytt eller fjern dem først, og fjern så kapitlet.',
    nn: 'Kapitlet har framleis område under seg. Flytt eller fjern dei først, og fjern så kapitlet.',
    en: 'The chapter still has areas under it. Move or remove them first, then remove the chapter.',
  },
  internal: {
    nb: 'Noe gikk galt hos oss. Ingenting er endret. Prøv igjen om litt.',
    nn: 'Noko gjekk gale hos oss. Ingenting er endra. Prøv igjen om litt.',
    en: 'Something went wrong on our side. Nothing was changed. Try again shortly.',
  },
  organization_name_required: {
    nb: 'Organisasjonen må ha et navn. Skriv inn navnet og prøv igjen.',
    nn: 'Organisasjonen må ha eit namn. Skriv inn namnet og prøv igjen.',
    en: 'The organization needs a name. Enter the name and try again.',
  },
  organization_number_invalid: {
    nb: 'Organisasjonsnummeret er ikke gyldig: det må ha ni siffer med riktig kontrollsiffer. Sjekk nummeret i Enhetsregisteret.',
    nn: 'Organisasjonsnummeret er ikkje gyldig: det må ha ni siffer med rett kontrollsiffer. Sjekk nummeret i Einingsregisteret.',
    en: 'The organization number is not valid: it needs nine digits with a correct check digit. Check it in the Central Coordinating Register.',
  },
  organization_number_taken: {
    nb: 'En annen organisasjon har allerede dette organisasjonsnummeret. Sjekk nummeret.',
    nn: 'Ein annan organisasjon har allereie dette organisasjonsnummeret. Sjekk nummeret.',
    en: 'Another organization already has this organization number. Check the number.',
  },
  executive_title_invalid: {
    nb: 'Velg tittelen til den øverste administrative lederen: kommunedirektør eller rådmann.',
    nn: 'Vel tittelen til den øvste administrative leiaren: kommunedirektør eller rådmann.',
    en: 'Choose the chief executive’s title: kommunedirektør or rådmann.',
  },
  account_email_taken: {
    nb: 'Det finnes allerede en konto med denne e-postadressen. Bruk en annen adresse for administratoren.',
    nn: 'Det finst allereie ein konto med denne e-postadressa. Bruk ei anna adresse for administratoren.',
    en: 'An account with this e-mail address already exists. Use another address for the administrator.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function errorMessage(code: ErrorCode, locale: Locale = 'nb'): string {
  return ERROR_MESSAGES[code][locale];
}

/** Picks our locale from an Accept-Language header; bokmål unless the caller prefers nynorsk or English. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return 'nb';
  const tags = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('nn')) return 'nn';
    if (tag.startsWith('nb') || tag === 'no' || tag.startsWith('no-')) return 'nb';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nb';
}
