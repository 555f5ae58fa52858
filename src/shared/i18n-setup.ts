/** UI texts of the first-start setup, the connection fields, the sidebar badges and the Stock page. */
export const sv = {
  'setup.heading': 'Kom igång',
  'setup.welcome': 'Välkommen till Ongoing ⇄ Specter Sync',
  'setup.skipLink': 'Hoppa till innehållet',
  'setup.stepsLabel': 'Steg i installationen',
  'setup.step.specter': '1. Specter',
  'setup.step.ongoing': '2. Ongoing',
  'setup.step.rules': '3. Synkregler',
  'setup.step.dryRun': '4. Provkörning',
  'setup.path.demo': 'Prova med demodata',
  'setup.path.demo.text':
    'Demon kör båda systemen som simulatorer med en svensk demokatalog och ett lager som plockar och skickar. Den startas som ett eget program och rör aldrig den här installationen.',
  'setup.path.demo.textDemo':
    'Det här fönstret kör demon: Specter och Ongoing är simulatorer i samma program, med en svensk demokatalog och ett lager som plockar och skickar order av sig självt.',
  'setup.path.connect': 'Anslut',
  'setup.path.connect.text':
    'Koppla appen till ert Specter och ert Ongoing-lager: uppgifter och nycklar, ett anslutningstest per system, synkreglerna och en provkörning som inte skriver något innan den första riktiga körningen.',
  'setup.demo.running':
    'Demon är redan igång. Order, inleveranser och lagersaldon kommer från simulatorerna; förslagen att bekräfta dyker upp under Leveranser och Inleveranser när lagret skickar.',
  'setup.demo.runningSafe':
    'Ingenting skickas till något riktigt system, och demon sparar i en egen mapp (demo) som inte påverkar en riktig installation.',
  'setup.demo.separate':
    'Demon behöver simulatorerna, och de startar bara i ett eget demoprogram. Stäng det här fönstret och starta demon med kommandot nedan (eller npm run demo i källkoden); det skriver ut en adress att öppna i webbläsaren.',
  'setup.demo.separateSafe':
    'Demon använder en egen datamapp och rör varken inställningarna eller nycklarna här. Vill du ansluta senare öppnar du Kom igång från Inställningar.',
  'setup.demo.open': 'Öppna översikten',
  'setup.demo.connectNote':
    'Det här är demon: det du sparar gäller demons egen mapp, och demon pekar på simulatorerna igen nästa gång den startar.',
  'setup.skip': 'Hoppa över installationen',
  'setup.back': 'Tillbaka',
  'setup.next': 'Spara och fortsätt',
  'setup.finish': 'Klar – starta synkroniseringen',
  'setup.fixFields': 'Rätta de markerade fälten; inget sparas förrän de är giltiga.',
  'setup.settingsIntro': 'Första gången? Installationen tar dig igenom anslutning, regler och en provkörning.',
  'setup.openSetup': 'Öppna Kom igång',
  'setup.connectionForm': 'Anslutningar',
  'setup.specter.intro':
    'Uppgifterna och nycklarna kommer från Specter (API-inställningarna eller Specters support). Nycklarna sparas bara i datorns nyckelring.',
  'setup.ongoing.intro':
    'Lagret skapar API-användaren under Administration ⇒ API för varuägare och ger er användarnamn, lösenord och varuägar-ID.',
  'setup.rules.intro':
    'Reglerna avgör vad som skickas och när. Statuslistan läses från ert lager; spara innan du går vidare.',
  'setup.hint.specter.sbmId': 'Numret på er Specter-databas (SBM ID), från Specters API-inställningar. Bara siffror.',
  'setup.hint.specter.apiUserId': 'API-användarens ID från Specter; kan vara tomt för äldre v1-konton.',
  'setup.hint.specter.stockSiteId':
    'Numret på lagerstället vars saldo läses och uppdateras (Specter: Lager ⇒ Lagerställen). Bara siffror.',
  'setup.hint.specter.baseUrl': 'Ändra bara om Specter har gett er en annan adress.',
  'setup.hint.specter.apiUserKey': 'Nyckeln som hör till API-användaren (kallas ”Nyckel” hos många webbutiker).',
  'setup.hint.specter.integrationKey': 'Integrationens nyckel (”Nyckel2”), från Specter.',
  'setup.hint.specter.md5key1': 'Äldre API (v1): första nyckeln från Specter.',
  'setup.hint.specter.md5key2': 'Äldre API (v1): andra nyckeln från Specter.',
  'setup.hint.ongoing.password': 'API-användarens lösenord från lagret.',
  'setup.hint.ongoing.warehouse':
    'Namnet i er Ongoing-inloggning (https://lagernamn.ongoingsystems.se/lagernamn) eller en hel API-adress.',
  'setup.hint.ongoing.user': 'API-användaren som lagret skapat åt er (ofta WSI-…).',
  'setup.hint.ongoing.goodsOwnerId': 'Ert varuägar-ID i Ongoing, från lagret. Bara siffror.',
  'setup.addressPreview': 'Appen anropar:',
  'setup.address.empty': 'Ange lagrets namn för att se adressen appen anropar.',
  'setup.address.invalid_url': 'Det här är ingen giltig adress.',
  'setup.address.invalid_name': 'Ett lagernamn har bara bokstäver, siffror, punkt, bindestreck och understreck.',
  'setup.error.digits': 'Bara siffror, t.ex. 12.',
  'setup.error.required': 'Fyll i ett värde.',
  'setup.error.tooLong': 'För långt.',
  'setup.error.url': 'En hel adress som börjar med https://.',
  'setup.error.range': 'Utanför tillåtet intervall (ID större än 0; intervall 10–86400 sekunder).',
  'setup.dryRun.what':
    'En provkörning gör allt en riktig körning gör utom att skriva: den läser från Specter och Ongoing och visar vad som skulle skickas.',
  'setup.dryRun.reads': 'Artiklar, öppna order och inköpsorder läses från Specter och jämförs med Ongoing.',
  'setup.dryRun.writesNothing': 'Ingenting skapas eller ändras i något av systemen, och inga förslag skapas.',
  'setup.dryRun.after':
    'När du trycker Klar startar de schemalagda körningarna; leveranser bekräftas av dig om du inte valt automatisk bekräftelse.',
  'setup.dryRun.run': 'Provkör',
  'setup.dryRun.failed': 'gick inte att provköra:',
  'setup.dryRun.nothing': 'inget att göra',
  'setup.dryRun.action.create': 'skulle skapas',
  'setup.dryRun.action.update': 'skulle uppdateras',
  'setup.dryRun.action.cancel': 'skulle makuleras',
  'setup.dryRun.action.conflict': 'i konflikt',
  'setup.dryRun.action.invalid': 'ogiltiga (behöver rättas)',
  'setup.dryRun.action.unchanged': 'oförändrade',
  'setup.badge.overview': 'osäkra bokningar',
  'setup.badge.deliveries': 'att bekräfta',
  'setup.badge.receipts': 'att bekräfta',
  'setup.badge.activity': 'problem att åtgärda',
} as const;

export const en: Record<keyof typeof sv, string> = {
  'setup.heading': 'Get started',
  'setup.welcome': 'Welcome to Ongoing ⇄ Specter Sync',
  'setup.skipLink': 'Skip to content',
  'setup.stepsLabel': 'Setup steps',
  'setup.step.specter': '1. Specter',
  'setup.step.ongoing': '2. Ongoing',
  'setup.step.rules': '3. Sync rules',
  'setup.step.dryRun': '4. Dry run',
  'setup.path.demo': 'Try with demo data',
  'setup.path.demo.text':
    'The demo runs both systems as simulators with a Swedish demo catalogue and a warehouse that picks and ships. It starts as a program of its own and never touches this installation.',
  'setup.path.demo.textDemo':
    'This window runs the demo: Specter and Ongoing are simulators in the same program, with a Swedish demo catalogue and a warehouse that picks and ships orders by itself.',
  'setup.path.connect': 'Connect',
  'setup.path.connect.text':
    'Connect the app to your Specter and your Ongoing warehouse: ids and keys, a connection test per system, the sync rules, and a dry run that writes nothing before the first real run.',
  'setup.demo.running':
    'The demo is already running. Orders, receipts and stock come from the simulators; proposals to confirm appear under Deliveries and Receipts as the warehouse ships.',
  'setup.demo.runningSafe':
    'Nothing is sent to a real system, and the demo keeps its data in a folder of its own (demo) that does not affect a real installation.',
  'setup.demo.separate':
    'The demo needs the simulators, and they start only in a demo program of its own. Close this window and start the demo with the command below (or npm run demo from the source); it prints an address to open in the browser.',
  'setup.demo.separateSafe':
    'The demo uses a data folder of its own and touches neither the settings nor the keys here. To connect later, open Get started from Settings.',
  'setup.demo.open': 'Open the overview',
  'setup.demo.connectNote':
    'This is the demo: what you save applies to the demo folder, and the demo points at its simulators again the next time it starts.',
  'setup.skip': 'Skip the setup',
  'setup.back': 'Back',
  'setup.next': 'Save and continue',
  'setup.finish': 'Done – start syncing',
  'setup.fixFields': 'Correct the marked fields; nothing is saved until they are valid.',
  'setup.settingsIntro': 'First time? The setup takes you through the connection, the rules and a dry run.',
  'setup.openSetup': 'Open Get started',
  'setup.connectionForm': 'Connections',
  'setup.specter.intro':
    "The ids and keys come from Specter (its API settings, or Specter's support). The keys are stored only in this computer's keychain.",
  'setup.ongoing.intro':
    'The warehouse creates the API user under Administration ⇒ API for goods owners and gives you the user name, password and goods owner id.',
  'setup.rules.intro':
    'The rules decide what is sent and when. The status list is read from your warehouse; save before you continue.',
  'setup.hint.specter.sbmId': "Your Specter database's number (SBM ID), from Specter's API settings. Digits only.",
  'setup.hint.specter.apiUserId': "The API user's id from Specter; may be empty for older v1 accounts.",
  'setup.hint.specter.stockSiteId':
    'The number of the stock site whose stock is read and updated (Specter: Stock ⇒ Stock sites). Digits only.',
  'setup.hint.specter.baseUrl': 'Change only if Specter gave you another address.',
  'setup.hint.specter.apiUserKey': 'The key of the API user (called “Key” by many web shops).',
  'setup.hint.specter.integrationKey': "The integration's key (“Key2”), from Specter.",
  'setup.hint.specter.md5key1': 'Older API (v1): the first key from Specter.',
  'setup.hint.specter.md5key2': 'Older API (v1): the second key from Specter.',
  'setup.hint.ongoing.password': "The API user's password, from the warehouse.",
  'setup.hint.ongoing.warehouse':
    'The name in your Ongoing login (https://name.ongoingsystems.se/name) or a full API address.',
  'setup.hint.ongoing.user': 'The API user the warehouse created for you (often WSI-…).',
  'setup.hint.ongoing.goodsOwnerId': 'Your goods owner id in Ongoing, from the warehouse. Digits only.',
  'setup.addressPreview': 'The app calls:',
  'setup.address.empty': 'Enter the warehouse name to see the address the app calls.',
  'setup.address.invalid_url': 'This is not a valid address.',
  'setup.address.invalid_name': 'A warehouse name has only letters, digits, dot, hyphen and underscore.',
  'setup.error.digits': 'Digits only, e.g. 12.',
  'setup.error.required': 'Enter a value.',
  'setup.error.tooLong': 'Too long.',
  'setup.error.url': 'A full address starting with https://.',
  'setup.error.range': 'Out of range (an id above 0; intervals 10–86400 seconds).',
  'setup.dryRun.what':
    'A dry run does everything a real run does except write: it reads from Specter and Ongoing and shows what would be sent.',
  'setup.dryRun.reads': 'Articles, open orders and purchase orders are read from Specter and compared with Ongoing.',
  'setup.dryRun.writesNothing': 'Nothing is created or changed in either system, and no proposals are made.',
  'setup.dryRun.after':
    'When you press Done the scheduled runs start; you confirm deliveries unless you chose automatic confirmation.',
  'setup.dryRun.run': 'Dry run',
  'setup.dryRun.failed': 'could not be tried:',
  'setup.dryRun.nothing': 'nothing to do',
  'setup.dryRun.action.create': 'would be created',
  'setup.dryRun.action.update': 'would be updated',
  'setup.dryRun.action.cancel': 'would be cancelled',
  'setup.dryRun.action.conflict': 'in conflict',
  'setup.dryRun.action.invalid': 'invalid (need correcting)',
  'setup.dryRun.action.unchanged': 'unchanged',
  'setup.badge.overview': 'postings in doubt',
  'setup.badge.deliveries': 'to confirm',
  'setup.badge.receipts': 'to confirm',
  'setup.badge.activity': 'problems to fix',
};
