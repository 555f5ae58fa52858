/**
 * Message texts of the sync runs, records and the exception inbox (Swedish and English).
 *
 * Sub-messages: a parameter named `job`, `kind`, `doing`, `cause` or `system` holds a short code that is
 * itself said from this catalogue (`job.orders`, `kind.order`, `doing.connect`, `cause.http`, …) with the
 * same parameters, so one sentence can name the job, the record and what went wrong in either language.
 */
export const syncSv = {
  'job.articles': 'Artikelsynken',
  'job.orders': 'Ordersynken',
  'job.purchaseOrders': 'Inköpsordersynken',
  'job.deliveries': 'Leveranssynken',
  'job.receipts': 'Inleveranssynken',
  'job.stock': 'Lagersynken',
  'job.all': 'alla synkar',
  'kind.article': 'Artikel',
  'kind.order': 'Order',
  'kind.purchaseOrder': 'Inköpsorder',
  'kind.delivery': 'Leverans',
  'kind.receipt': 'Inleverans',
  'doing.connect': 'ansluter till {system}',
  'doing.readChanged': 'läser ändrade poster ({kind}) från Specter',
  'doing.readHeld': 'läser vad Ongoing redan har ({kind}) för att jämföra',
  'doing.send': 'skickar {kind} {key} till Ongoing',
  'doing.handle': 'hanterar {kind} {key}',
  'doing.reread': 'läser {kind} {key} på nytt från Specter',
  'doing.ackBatch': 'kvitterar artikelomgången i Specter',
  'doing.sendPostings': 'skickar bekräftade poster till Specter',
  'doing.proposals': 'tar fram förslag från Ongoing',
  'doing.stock': 'jämför och skickar lagersaldon',
  'run.crashed': '{job} stoppade efter ett oväntat fel: {remoteText}',
  'cause.network': 'ingen anslutning',
  'cause.timeout': 'inget svar i tid',
  'cause.http': 'HTTP {status}',
  'cause.httpSaid': 'HTTP {status}: {remoteText}',
  'cause.said': '{remoteText}',
  'cause.page': 'en webbsida i stället för data',
  'cause.tooLarge': 'begäran var för stor (HTTP 413); korta postens långa texter eller fråga lagret',
  'cause.unreadable': 'ett svar som inte går att läsa',
  'cause.none': 'inget närmare besked',
  'run.unexpected': '{job} stoppade efter ett oväntat fel när den {doing}: {remoteText}',
  'run.not_configured':
    '{job} kan inte köras: inloggningsuppgifter saknas eller kan inte läsas. Fyll i dem under Inställningar.',
  'run.auth':
    '{job} stoppade när den {doing}: {system} nekade inloggningen ({cause}). Kontrollera inställningarna och nycklarna för {system} och kör synken igen.',
  'run.unreachable':
    '{job} stoppade när den {doing}: {system} gick inte att nå ({cause}). Det som redan gjorts sparas; synken försöker igen av sig själv.',
  'run.wait_requested':
    '{job} stoppade när den {doing}: {system} bad appen vänta {seconds} s; nästa försök {nextAt}. Det som redan gjorts sparas.',
  'run.busy':
    '{job} stoppade när den {doing}: {system} är upptaget ({cause}). Det som redan gjorts sparas; synken försöker igen av sig själv.',
  'run.protocol':
    '{job} stoppade när den {doing}: {system} svarade med något appen inte kan använda ({cause}). Det som redan gjorts sparas; synken försöker igen av sig själv.',
  'run.partial.failed': '{failed} skickades inte: se problemen under Aktivitet.',
  'run.partial.conflicts': '{conflicts} i konflikt: se problemen under Aktivitet.',
  'run.partial.both': '{failed} skickades inte och {conflicts} är i konflikt: se problemen under Aktivitet.',
  'run.partial.dryRun': '{failed} skulle inte skickas och {conflicts} är i konflikt: se planen.',
  'run.clockSkew':
    'Klockan på den här datorn och i Specter skiljer sig {minutes} minuter, mer än marginalen på {overlap} minuter: ändringar kan missas. Ställ klockan rätt.',
  'run.outbox_unreachable': '{job}: ett av systemen gick inte att nå. Posterna skickas vid nästa körning.',
  'run.postingProblems': '{count} poster kunde inte skickas eller kvitteras: se kortet för varje post.',
  'record.invalid': '{kind} {key} skickades inte till Ongoing: fel i {fields}. Rätta posten i Specter.',
  'record.unreadableValue':
    '{kind} {key} skickades inte till Ongoing: fältet {field} har värdet ”{raw}”, som inte kan läsas. Rätta värdet i Specter.',
  'record.badChangeTime':
    '{kind} {key} skickades inte till Ongoing: ändringstiden ”{raw}” är ingen tid (åååå-MM-dd TT:mm:ss). Spara posten igen i Specter så att den får en giltig ändringstid.',
  'record.refused': 'Ongoing nekade {kind} {key} ({cause}). Rätta posten i Specter; den prövas igen vid varje körning.',
  'record.conflict':
    '{kind} {key} ändrades i Specter efter att lagret börjat arbeta med den i Ongoing (status {status}), så ändringen skickades inte. Fortfarande olika: {fields}. Kom överens med lagret och ändra i Ongoing för hand (eller ångra i Specter), och markera sedan som löst.',
  'record.conflictCancel':
    '{kind} {key} makulerades i Specter, men lagret har redan börjat arbeta med den i Ongoing (status {status}), så den makulerades inte där. Stoppa den i lagret för hand eller återställ den i Specter, och markera sedan som löst.',
  'record.lockUnreadable':
    'Ongoing nekade ändringen av {kind} {key}, och den gick inte att läsa tillbaka för att jämföra. Kontrollera den i Ongoing.',
  'record.duplicate':
    'Två poster ({kind}) i Specter har numret {key} (Specter-id {newerId} och {olderId}). Den nyare används; ge den ena ett annat nummer i Specter.',
  'record.futureChange':
    '{kind} {key} har ändringstiden {value} i Specter, senare än nu ({now}). Den hanterades, men synken låter inte den tiden avgöra var nästa hämtning börjar. Kontrollera klockan hos den som ändrade den i Specter.',
  'record.warnings': 'Skickad, med anmärkningar om {fields}.',
  'connection.ok': 'Ansluten.',
  'connection.notConfigured': '{system} är inte inställt: fyll i uppgifterna ovan.',
  'connection.authRefused': '{system} nekade inloggningen ({cause}). Kontrollera uppgifterna ovan.',
  'connection.failed': '{system} gick inte att nå eller svarade inte som väntat ({cause}).',
  'record.applied': 'Ändrat i Ongoing: {fields}.',
  'record.cancelled': 'Makulerad i Ongoing eftersom den makulerades i Specter.',
  'record.cancelledBeforeSent': 'Makulerades i Specter innan den skickades till Ongoing; inget att makulera där.',
  'record.cancelledBoth': 'Makulerad i Specter och i Ongoing.',
} as const;

export type SyncCode = keyof typeof syncSv;

export const syncEn: Record<SyncCode, string> = {
  'job.articles': 'The article sync',
  'job.orders': 'The order sync',
  'job.purchaseOrders': 'The purchase order sync',
  'job.deliveries': 'The delivery sync',
  'job.receipts': 'The receipt sync',
  'job.stock': 'The stock sync',
  'job.all': 'every sync',
  'kind.article': 'Article',
  'kind.order': 'Order',
  'kind.purchaseOrder': 'Purchase order',
  'kind.delivery': 'Delivery',
  'kind.receipt': 'Receipt',
  'doing.connect': 'connecting to {system}',
  'doing.readChanged': 'reading changed records ({kind}) from Specter',
  'doing.readHeld': 'reading what Ongoing already holds ({kind}) to compare',
  'doing.send': 'sending {kind} {key} to Ongoing',
  'doing.handle': 'handling {kind} {key}',
  'doing.reread': 'reading {kind} {key} again from Specter',
  'doing.ackBatch': 'acknowledging the article batch in Specter',
  'doing.sendPostings': 'sending confirmed postings to Specter',
  'doing.proposals': 'building proposals from Ongoing',
  'doing.stock': 'comparing and pushing stock',
  'run.crashed': '{job} stopped after an unexpected error: {remoteText}',
  'cause.network': 'no connection',
  'cause.timeout': 'no answer in time',
  'cause.http': 'HTTP {status}',
  'cause.httpSaid': 'HTTP {status}: {remoteText}',
  'cause.said': '{remoteText}',
  'cause.page': 'a web page instead of data',
  'cause.tooLarge': "the request was too large (HTTP 413); shorten the record's long texts or ask the warehouse",
  'cause.unreadable': 'an answer that cannot be read',
  'cause.none': 'no further detail',
  'run.unexpected': '{job} stopped after an unexpected error while {doing}: {remoteText}',
  'run.not_configured': '{job} cannot run: credentials are missing or cannot be read. Fill them in under Settings.',
  'run.auth':
    '{job} stopped while {doing}: {system} refused the credentials ({cause}). Check the {system} settings and keys, then run the sync again.',
  'run.unreachable':
    '{job} stopped while {doing}: {system} could not be reached ({cause}). What was done before is kept; the sync tries again automatically.',
  'run.wait_requested':
    '{job} stopped while {doing}: {system} asked to wait {seconds} s; next try at {nextAt}. What was done before is kept.',
  'run.busy':
    '{job} stopped while {doing}: {system} is busy ({cause}). What was done before is kept; the sync tries again automatically.',
  'run.protocol':
    '{job} stopped while {doing}: {system} answered with something the app cannot use ({cause}). What was done before is kept; the sync tries again automatically.',
  'run.partial.failed': '{failed} not sent: see the problems under Activity.',
  'run.partial.conflicts': '{conflicts} in conflict: see the problems under Activity.',
  'run.partial.both': '{failed} not sent and {conflicts} in conflict: see the problems under Activity.',
  'run.partial.dryRun': '{failed} would not be sent and {conflicts} in conflict: see the plan.',
  'run.clockSkew':
    "This computer's clock and Specter's differ by {minutes} minutes, more than the watermark overlap of {overlap} minutes: changes may be missed. Correct the clock.",
  'run.outbox_unreachable': '{job}: one of the systems could not be reached. The postings are sent on the next run.',
  'run.postingProblems': '{count} postings could not be sent or acknowledged: see the card of each posting.',
  'record.invalid': '{kind} {key} was not sent to Ongoing: errors in {fields}. Correct the record in Specter.',
  'record.unreadableValue':
    '{kind} {key} was not sent to Ongoing: the field {field} holds "{raw}", which cannot be read. Correct the value in Specter.',
  'record.badChangeTime':
    '{kind} {key} was not sent to Ongoing: the change time "{raw}" is not a time (yyyy-MM-dd HH:mm:ss). Save the record again in Specter so it gets a valid change time.',
  'record.refused': 'Ongoing refused {kind} {key} ({cause}). Correct it in Specter; it is tried again on every run.',
  'record.conflict':
    '{kind} {key} was changed in Specter after the warehouse started working on it in Ongoing (status {status}), so the change was not sent. Still different: {fields}. Agree the change with the warehouse and make it in Ongoing by hand (or undo it in Specter), then resolve this entry.',
  'record.conflictCancel':
    '{kind} {key} was cancelled in Specter, but the warehouse has already started working on it in Ongoing (status {status}), so it was not cancelled there. Stop it in the warehouse by hand, or restore it in Specter, then resolve this entry.',
  'record.lockUnreadable':
    'Ongoing refused the change to {kind} {key}, and it could not be read back to compare it. Check it in Ongoing.',
  'record.duplicate':
    'Two records ({kind}) in Specter have the number {key} (Specter ids {newerId} and {olderId}). The newer one is used; give one of them another number in Specter.',
  'record.futureChange':
    '{kind} {key} has the change time {value} in Specter, later than now ({now}). It was handled, but the sync does not trust that time to move its watermark. Check the clock of whoever changed it in Specter.',
  'record.warnings': 'Sent, with remarks on {fields}.',
  'connection.ok': 'Connected.',
  'connection.notConfigured': '{system} is not set up: fill in the details above.',
  'connection.authRefused': '{system} refused the login ({cause}). Check the details above.',
  'connection.failed': '{system} could not be reached or did not answer as expected ({cause}).',
  'record.applied': 'Applied in Ongoing: {fields}.',
  'record.cancelled': 'Cancelled in Ongoing because it was cancelled in Specter.',
  'record.cancelledBeforeSent': 'Cancelled in Specter before it was sent to Ongoing; nothing to cancel there.',
  'record.cancelledBoth': 'Cancelled in Specter and in Ongoing.',
};
