/**
 * Message texts of the stock comparison (Swedish and English): why an article's stock differs between
 * Ongoing and Specter, and why an article was held back from a push. `{refs}` lists order or purchase
 * numbers.
 */
export const stockSv = {
  'stock.missingInOngoing':
    'Artikel {articleNo} finns inte i Ongoing; Specter har {count} st. Synka artiklarna, eller ta bort saldot i Specter om artikeln inte lagerförs i lagret.',
  'stock.missingInSpecter':
    'Artikel {articleNo} finns inte i Specter; Ongoing har {count} st. Lägg upp den i Specter innan saldot skickas.',
  'stock.noStockRecord':
    'Specter har inget saldo för artikel {articleNo} på det här lagerstället; Ongoing har {count} st. En överföring skapar det.',
  'stock.shipped': '{count} st skickade i Ongoing ({refs}) men leveransen är inte rapporterad till Specter ännu.',
  'stock.received':
    '{count} st inlevererade i Ongoing ({refs}) men inleveransen är inte rapporterad till Specter ännu.',
  'stock.picked': '{count} st plockade i Ongoing på order som inte skickats än; Specter får veta det med leveransen.',
  'stock.moreInOngoing':
    '{count} st mer i Ongoing som ingen öppen order eller inleverans förklarar (inventerat eller justerat på ena sidan, eller ändrat för hand). Kontrollera artikeln och skicka sedan saldot.',
  'stock.moreInSpecter':
    '{count} st mer i Specter som ingen öppen order eller inleverans förklarar (inventerat eller justerat på ena sidan, eller ändrat för hand). Kontrollera artikeln och skicka sedan saldot.',
  'stock.held.unreadable':
    'Artikel {articleNo}: Ongoings {field} är {value} och går inte att använda. Specter behåller sitt saldo; rätta artikeln i Ongoing (eller fråga lagret) och skicka igen.',
  'stock.held.unreported': 'Artikel {articleNo} skickas inte förrän leveranser och inleveranser är rapporterade.',
  'stock.held.notInOngoing': 'Artikel {articleNo} finns inte i Ongoing, så det finns inget saldo att skicka.',
  'stock.held.notInSpecter': 'Artikel {articleNo} finns inte i Specter; lägg upp den där och skicka igen.',
} as const;

export type StockCode = keyof typeof stockSv;

export const stockEn: Record<StockCode, string> = {
  'stock.missingInOngoing':
    'Article {articleNo} is not in Ongoing; Specter has {count}. Sync articles, or remove the stock in Specter if the article is not stocked in the warehouse.',
  'stock.missingInSpecter':
    'Article {articleNo} is not in Specter; Ongoing has {count}. Create it in Specter before pushing stock.',
  'stock.noStockRecord':
    'Specter has no stock record for article {articleNo} on this stock site; Ongoing has {count}. A push creates it.',
  'stock.shipped': '{count} shipped in Ongoing ({refs}) but the delivery is not yet reported to Specter.',
  'stock.received': '{count} received in Ongoing ({refs}) but the receipt is not yet reported to Specter.',
  'stock.picked': '{count} picked in Ongoing on orders not yet sent; Specter hears of them with the delivery.',
  'stock.moreInOngoing':
    '{count} more in Ongoing that no open order or receipt explains (stock counted or adjusted on one side, or changed by hand). Check the article, then push the stock.',
  'stock.moreInSpecter':
    '{count} more in Specter that no open order or receipt explains (stock counted or adjusted on one side, or changed by hand). Check the article, then push the stock.',
  'stock.held.unreadable':
    "Article {articleNo}: Ongoing's {field} is {value}, which cannot be used. Specter keeps its stock; correct the article in Ongoing (or ask the warehouse), then push again.",
  'stock.held.unreported': 'Article {articleNo} is not pushed until its deliveries and receipts are reported.',
  'stock.held.notInOngoing': 'Article {articleNo} is not in Ongoing, so Ongoing has no stock to push for it.',
  'stock.held.notInSpecter': 'Article {articleNo} does not exist in Specter; create it there, then push again.',
};
