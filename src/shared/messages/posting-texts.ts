/**
 * Message texts of the postings outbox (Swedish and English): what happened to a delivery or receipt
 * posting on its way to Specter and its acknowledgement in Ongoing. `{kind}` is `delivery` or `receipt`.
 */
export const postingSv = {
  'posting.countUnreadable':
    'Order/inköpsorder {number}, rad {row}: fältet {field} från Ongoing har värdet ”{raw}”, som inte är ett antal på 0 eller mer. Inget rapporteras för posten förrän det rättats i Ongoing.',
  'posting.notWholeMultiple':
    'Order {number}, radnr {rowNo}: {count} plockade är inte en jämn multipel av radens andra antal (antal2 = {factor}), så det kan inte rapporteras i Specters enhet. Rätta det plockade antalet i Ongoing eller rapportera raden i Specter för hand.',
  'posting.dateTooEarly':
    '{number}: leveransdatumet {date} från Ongoing ligger före år 2000 och skickas inte till Specter. Rätta datumet i Ongoing.',
  'posting.dateTooLate':
    '{number}: leveransdatumet {date} från Ongoing ligger mer än ett år framåt och skickas inte till Specter. Rätta datumet i Ongoing.',
  'posting.invalid': '{number} kunde inte föreslås: fel i {fields}. Rätta det i Ongoing eller Specter.',
  'wait.sending': 'skickas',
  'wait.in_doubt': 'osäker',
  'wait.earlier': 'inte skickad än',
  'posting.notFound': 'Post #{id} finns inte (uppdatera listan).',
  'posting.waits': 'Väntar på {kind} #{otherId} för samma order ({wait}).',
  'posting.specterMissing':
    '{kind} #{id}: Specter har ingen post med id {specterId}, så inget skickades. Kontrollera {number} i Specter och bekräfta igen eller avvisa.',
  'posting.readBeforeSend':
    '{kind} #{id}: Specter gick inte att läsa före sändningen ({cause}). Inget skickades; det prövas igen vid nästa körning.',
  'posting.changedMeanwhile': '{kind} #{id} har ändrats under tiden; inget gjordes. Titta på den igen.',
  'posting.acceptedChanged': '{kind} #{id} togs emot av Specter men ändrades under tiden.',
  'posting.reported': 'Rapporterad till Specter (id {resultId}).',
  'posting.reportedInvoice': 'Rapporterad till Specter (id {resultId}, faktura {invoiceId}).',
  'posting.refused':
    'Specter nekade {kind} #{id} ({cause}). Rätta det i Specter eller Ongoing och bekräfta igen, eller avvisa den.',
  'posting.notReached': '{kind} #{id} nådde inte Specter ({cause}). Den skickas vid nästa körning.',
  'posting.noClearAnswer':
    'Inget tydligt svar från Specter för {kind} #{id} ({cause}). Den kan ha kommit fram: Specter kontrolleras innan något skickas igen, och inget annat för {number} skickas under tiden.',
  'posting.done': '{kind} #{id} är klar.',
  'posting.checkSoon':
    '{kind} #{id} skickades utan tydligt svar; Specter kontrolleras om ungefär {seconds} s (ett långsamt Specter kan fortfarande ta emot den).',
  'posting.doubtUnreadable':
    '{kind} #{id} är fortfarande osäker: Specter gick inte att läsa ({cause}). Kontrolleras igen vid nästa körning.',
  'posting.doubtMissing':
    '{kind} #{id} är fortfarande osäker: Specter har inte längre någon post med id {specterId}. Titta i Specter och välj ”Den finns i Specter: markera klar” eller ”Den finns inte i Specter: skicka igen”.',
  'posting.arrived': '{kind} #{id} hade kommit fram till Specter.',
  'posting.sentAgain': 'Den fanns inte i Specter och skickades en gång till.',
  'posting.stillInDoubt':
    '{kind} #{id} är fortfarande osäker. Titta i Specter och välj ”Den finns i Specter: markera klar” eller ”Den finns inte i Specter: skicka igen”.',
  'posting.stoppedWhileSending': 'Appen stoppades under sändningen; Specter kontrolleras före ett nytt försök.',
  'posting.refusedSendAgain': 'Specter visar redan {kind} #{id}, så den skickades inte igen. Markera den som klar.',
  'decision.failed': 'Beslutet kunde inte genomföras: {remoteText}',
  'decision.held': '{kind} #{id} väntar.',
  'decision.cannotHold': '{kind} #{id} kan inte läggas att vänta: bara ett förslag kan det.',
  'decision.reasonNeeded': 'Att avvisa {kind} #{id} kräver en anledning.',
  'decision.inDoubtNoReject':
    '{kind} #{id} är osäker och kan finnas i Specter, så den kan inte avvisas. Titta i Specter och välj ”Den finns i Specter: markera klar” eller ”Den finns inte i Specter: skicka igen”.',
  'decision.cannotReject': '{kind} #{id} kan inte längre avvisas.',
  'decision.rejected': '{kind} #{id} är avvisad. Inget skickas till Specter.',
  'decision.inDoubtOnly': 'Det beslutet gäller bara en osäker post, och {kind} #{id} är inte osäker.',
  'decision.specterUnreadable': 'Specter gick inte att läsa ({cause}), så inget skickades. Försök igen senare.',
  'decision.specterMissing': 'Specter har inte längre {number}; inget skickades.',
  'decision.alreadyInSpecter': 'Skickades inte igen: Specter visar den redan. Den är markerad som klar.',
  'decision.alreadyReported': '{kind} #{id} är redan rapporterad till Specter.',
  'decision.beingSent': '{kind} #{id} skickas just nu.',
  'decision.wasRejected': '{kind} #{id} avvisades; den skickas inte.',
  'ack.already': 'Redan kvitterad i Ongoing.',
  'ack.done': 'Kvitterad i Ongoing.',
  'ack.failed':
    'Specter har den, men Ongoing kunde inte meddelas ({cause}). Bara kvitteringen görs om vid nästa körning; inget skickas igen till Specter.',
} as const;

export type PostingCode = keyof typeof postingSv;

export const postingEn: Record<PostingCode, string> = {
  'posting.countUnreadable':
    'Order/purchase order {number}, line {row}: the field {field} from Ongoing holds "{raw}", which is not a count of 0 or more. Nothing is reported for this record until it is corrected in Ongoing.',
  'posting.notWholeMultiple':
    "Order {number}, row no {rowNo}: {count} picked is not a whole multiple of the row's second quantity (no items2 = {factor}), so it cannot be reported in Specter's unit. Correct the picked count in Ongoing, or report the row in Specter by hand.",
  'posting.dateTooEarly':
    '{number}: the delivery date {date} from Ongoing is before 2000 and is not posted to Specter. Correct the date in Ongoing.',
  'posting.dateTooLate':
    '{number}: the delivery date {date} from Ongoing is more than a year ahead and is not posted to Specter. Correct the date in Ongoing.',
  'posting.invalid': '{number} could not be proposed: errors in {fields}. Correct it in Ongoing or Specter.',
  'wait.sending': 'being sent',
  'wait.in_doubt': 'in doubt',
  'wait.earlier': 'not sent yet',
  'posting.notFound': 'Posting #{id} does not exist (refresh the list).',
  'posting.waits': 'Waits for {kind} #{otherId} of the same order ({wait}).',
  'posting.specterMissing':
    '{kind} #{id}: Specter has no record with id {specterId}, so nothing was sent. Check {number} in Specter, then confirm again or reject it.',
  'posting.readBeforeSend':
    '{kind} #{id}: Specter could not be read before sending ({cause}). Nothing was sent; it is tried again on the next run.',
  'posting.changedMeanwhile': '{kind} #{id} changed meanwhile; nothing was done. Look at it again.',
  'posting.acceptedChanged': '{kind} #{id} was accepted by Specter but changed meanwhile.',
  'posting.reported': 'Reported to Specter (id {resultId}).',
  'posting.reportedInvoice': 'Reported to Specter (id {resultId}, invoice {invoiceId}).',
  'posting.refused':
    'Specter refused {kind} #{id} ({cause}). Fix it in Specter or Ongoing, then confirm again or reject it.',
  'posting.notReached': '{kind} #{id} did not reach Specter ({cause}). It is sent on the next run.',
  'posting.noClearAnswer':
    'No clear answer from Specter for {kind} #{id} ({cause}). It may have arrived: Specter is checked before anything is sent again, and nothing else for {number} is sent meanwhile.',
  'posting.done': '{kind} #{id} is done.',
  'posting.checkSoon':
    '{kind} #{id} was sent without a clear answer; Specter is checked in about {seconds} s (a slow Specter may still apply it).',
  'posting.doubtUnreadable':
    '{kind} #{id} stays in doubt: Specter could not be read ({cause}). Checked again on the next run.',
  'posting.doubtMissing':
    '{kind} #{id} stays in doubt: Specter has no record with id {specterId} any more. Look in Specter, then choose "It is in Specter: mark done" or "It is not in Specter: send again".',
  'posting.arrived': '{kind} #{id} had arrived in Specter.',
  'posting.sentAgain': 'It was not in Specter and was sent once more.',
  'posting.stillInDoubt':
    '{kind} #{id} stays in doubt. Look in Specter, then choose "It is in Specter: mark done" or "It is not in Specter: send again".',
  'posting.stoppedWhileSending': 'The app stopped while sending; Specter is checked before any retry.',
  'posting.refusedSendAgain': 'Specter already shows {kind} #{id}, so it was not sent again. Mark it done.',
  'decision.failed': 'The decision could not be carried out: {remoteText}',
  'decision.held': '{kind} #{id} is held.',
  'decision.cannotHold': '{kind} #{id} cannot be held: only a proposal can.',
  'decision.reasonNeeded': 'Rejecting {kind} #{id} needs a reason.',
  'decision.inDoubtNoReject':
    '{kind} #{id} is in doubt and may be in Specter, so it cannot be rejected. Look in Specter, then choose "It is in Specter: mark done" or "It is not in Specter: send again".',
  'decision.cannotReject': '{kind} #{id} can no longer be rejected.',
  'decision.rejected': '{kind} #{id} is rejected. Nothing is sent to Specter.',
  'decision.inDoubtOnly': 'This decision is only for a posting in doubt, and {kind} #{id} is not in doubt.',
  'decision.specterUnreadable': 'Specter could not be read ({cause}), so nothing was sent. Try again later.',
  'decision.specterMissing': 'Specter no longer has {number}; nothing was sent.',
  'decision.alreadyInSpecter': 'Not sent again: Specter already shows it. It is marked done.',
  'decision.alreadyReported': '{kind} #{id} was already reported to Specter.',
  'decision.beingSent': '{kind} #{id} is being sent right now.',
  'decision.wasRejected': '{kind} #{id} was rejected; it is not sent.',
  'ack.already': 'Already acknowledged in Ongoing.',
  'ack.done': 'Acknowledged in Ongoing.',
  'ack.failed':
    'Specter has it, but Ongoing could not be told ({cause}). Only the acknowledgement is retried on the next run; nothing is sent to Specter again.',
};
