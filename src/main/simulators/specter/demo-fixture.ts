import type { SpecterCredentials } from '../../../shared/domain/specter';
import type {
  SpecterFixture,
  SpecterFixtureArticle,
  SpecterFixtureCustomer,
  SpecterFixtureOrder,
  SpecterFixturePurchase,
  SpecterFixtureSupplier,
} from './fixture';

/**
 * Fixed credentials the demo simulator accepts. They are not secret: they only open the local
 * simulator, and the CLI prints them so the app can be pointed at it.
 */
export const SPECTER_DEMO_CREDENTIALS: Readonly<SpecterCredentials> = Object.freeze({
  sbmId: '4711',
  apiUserId: 'demo',
  apiUserKey: 'demo-user-key',
  integrationKey: 'demo-integration-key',
});

/** Small deterministic PRNG (mulberry32), so the same seed gives the same catalogue. */
function prng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ProductLine {
  base: string;
  group: string;
  variants: string[][];
  /** Price range including VAT, SEK. */
  price: [number, number];
  weightKg: number;
  volumeM3: number;
  supplierNo: string;
  country: string;
  commodityCode: string;
  comment: string;
}

const SIZES_CLOTHES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const SIZES_SHOES = ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45'];

const LINES: ProductLine[] = [
  {
    base: 'Ullsocka',
    group: 'Strumpor',
    variants: [
      ['grå', 'svart', 'marinblå', 'röd', 'grön'],
      ['35-38', '39-42', '43-46'],
    ],
    price: [99, 149],
    weightKg: 0.08,
    volumeM3: 0.0004,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '61159500',
    comment: 'Varm socka i merinoull, tvättas i 40 °C.',
  },
  {
    base: 'Kökshandduk',
    group: 'Kök',
    variants: [['randig', 'rutig', 'vit', 'grön', 'blå', 'gul']],
    price: [59, 89],
    weightKg: 0.12,
    volumeM3: 0.0006,
    supplierNo: '11',
    country: 'LT',
    commodityCode: '63026000',
    comment: 'Handduk i bomull och linne, 50×70 cm.',
  },
  {
    base: 'Mössa stickad',
    group: 'Accessoarer',
    variants: [['grå', 'svart', 'röd', 'senapsgul', 'ljusblå']],
    price: [199, 299],
    weightKg: 0.1,
    volumeM3: 0.001,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '65050090',
    comment: 'Stickad mössa, dubbelvikt kant.',
  },
  {
    base: 'Vantar ull',
    group: 'Accessoarer',
    variants: [
      ['grå', 'svart', 'röd', 'blå'],
      ['S', 'M', 'L'],
    ],
    price: [179, 249],
    weightKg: 0.09,
    volumeM3: 0.0008,
    supplierNo: '10',
    country: 'EE',
    commodityCode: '61169100',
    comment: 'Tovade vantar, håller värmen även fuktiga.',
  },
  {
    base: 'T-shirt ekologisk',
    group: 'Kläder',
    variants: [['vit', 'svart', 'grå', 'marinblå', 'grön'], SIZES_CLOTHES],
    price: [199, 249],
    weightKg: 0.18,
    volumeM3: 0.0015,
    supplierNo: '11',
    country: 'PT',
    commodityCode: '61091000',
    comment: 'T-shirt i ekologisk bomull.',
  },
  {
    base: 'Tröja merino',
    group: 'Kläder',
    variants: [
      ['grå', 'svart', 'blå', 'vinröd'],
      ['S', 'M', 'L', 'XL'],
    ],
    price: [799, 1199],
    weightKg: 0.35,
    volumeM3: 0.003,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '61101190',
    comment: 'Tröja i finstickad merinoull.',
  },
  {
    base: 'Halsduk',
    group: 'Accessoarer',
    variants: [['rutig', 'grå', 'röd', 'grön']],
    price: [299, 449],
    weightKg: 0.2,
    volumeM3: 0.002,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '61172000',
    comment: 'Lång halsduk med fransar.',
  },
  {
    base: 'Kaffemugg stengods',
    group: 'Kök',
    variants: [['vit', 'grå', 'blå', 'grön', 'rosa']],
    price: [149, 199],
    weightKg: 0.4,
    volumeM3: 0.0012,
    supplierNo: '12',
    country: 'SE',
    commodityCode: '69120000',
    comment: 'Mugg i stengods, 3 dl. Tål diskmaskin.',
  },
  {
    base: 'Skärbräda',
    group: 'Kök',
    variants: [
      ['ek', 'björk', 'ask'],
      ['liten', 'stor'],
    ],
    price: [249, 499],
    weightKg: 1.1,
    volumeM3: 0.004,
    supplierNo: '13',
    country: 'SE',
    commodityCode: '44191900',
    comment: 'Skärbräda i massivt trä, oljas vid behov.',
  },
  {
    base: 'Ljus stearin',
    group: 'Hem',
    variants: [
      ['vit', 'grå', 'rosa', 'mörkgrön'],
      ['2-pack', '6-pack'],
    ],
    price: [49, 129],
    weightKg: 0.3,
    volumeM3: 0.001,
    supplierNo: '12',
    country: 'SE',
    commodityCode: '34060000',
    comment: 'Droppfria kronljus, brinntid cirka 7 timmar.',
  },
  {
    base: 'Badlakan',
    group: 'Badrum',
    variants: [
      ['vit', 'grå', 'blå', 'sand'],
      ['70x140', '100x150'],
    ],
    price: [249, 399],
    weightKg: 0.7,
    volumeM3: 0.004,
    supplierNo: '11',
    country: 'PT',
    commodityCode: '63026000',
    comment: 'Frotté av långfibrig bomull.',
  },
  {
    base: 'Örngott',
    group: 'Sängkläder',
    variants: [
      ['vit', 'grå', 'blå'],
      ['50x60', '60x50'],
    ],
    price: [129, 179],
    weightKg: 0.2,
    volumeM3: 0.001,
    supplierNo: '11',
    country: 'LT',
    commodityCode: '63022100',
    comment: 'Örngott i bomullssatin.',
  },
  {
    base: 'Påslakan',
    group: 'Sängkläder',
    variants: [
      ['vit', 'grå', 'blå', 'grön'],
      ['150x210', '220x220'],
    ],
    price: [399, 599],
    weightKg: 0.9,
    volumeM3: 0.004,
    supplierNo: '11',
    country: 'LT',
    commodityCode: '63022100',
    comment: 'Påslakan i linne, stentvättat.',
  },
  {
    base: 'Strumpbyxa',
    group: 'Strumpor',
    variants: [
      ['svart', 'hudfärgad'],
      ['S', 'M', 'L'],
    ],
    price: [129, 179],
    weightKg: 0.05,
    volumeM3: 0.0003,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '61152100',
    comment: 'Strumpbyxa 40 denier.',
  },
  {
    base: 'Kalsong bambu',
    group: 'Kläder',
    variants: [
      ['svart', 'grå', 'blå'],
      ['S', 'M', 'L', 'XL'],
    ],
    price: [149, 199],
    weightKg: 0.07,
    volumeM3: 0.0004,
    supplierNo: '11',
    country: 'PT',
    commodityCode: '61071100',
    comment: 'Mjuk kalsong i bambuviskos.',
  },
  {
    base: 'Linne',
    group: 'Kläder',
    variants: [
      ['vit', 'svart', 'grå'],
      ['S', 'M', 'L'],
    ],
    price: [149, 199],
    weightKg: 0.1,
    volumeM3: 0.0008,
    supplierNo: '11',
    country: 'PT',
    commodityCode: '61091000',
    comment: 'Linne i ribbstickad bomull.',
  },
  {
    base: 'Förkläde linne',
    group: 'Kök',
    variants: [['natur', 'grå', 'svart']],
    price: [299, 399],
    weightKg: 0.25,
    volumeM3: 0.0015,
    supplierNo: '11',
    country: 'LT',
    commodityCode: '62114900',
    comment: 'Förkläde med ficka och justerbar nackrem.',
  },
  {
    base: 'Grytlapp',
    group: 'Kök',
    variants: [['randig', 'rutig', 'röd', 'grå']],
    price: [49, 79],
    weightKg: 0.05,
    volumeM3: 0.0003,
    supplierNo: '11',
    country: 'LT',
    commodityCode: '63049900',
    comment: 'Grytlapp med ögla för upphängning.',
  },
  {
    base: 'Termos',
    group: 'Friluft',
    variants: [
      ['svart', 'röd', 'grön'],
      ['0,5 l', '1 l'],
    ],
    price: [299, 449],
    weightKg: 0.5,
    volumeM3: 0.002,
    supplierNo: '13',
    country: 'CN',
    commodityCode: '96170000',
    comment: 'Håller drycken varm i 12 timmar.',
  },
  {
    base: 'Vattenflaska',
    group: 'Friluft',
    variants: [['blå', 'grön', 'grå']],
    price: [199, 249],
    weightKg: 0.3,
    volumeM3: 0.0012,
    supplierNo: '13',
    country: 'CN',
    commodityCode: '73239300',
    comment: 'Flaska i rostfritt stål, 7 dl.',
  },
  {
    base: 'Ryggsäck',
    group: 'Friluft',
    variants: [['svart', 'grå', 'grön', 'blå']],
    price: [899, 1299],
    weightKg: 1.2,
    volumeM3: 0.02,
    supplierNo: '13',
    country: 'CN',
    commodityCode: '42029291',
    comment: 'Ryggsäck 25 l med vadderad ryggpanel.',
  },
  {
    base: 'Väska tyg',
    group: 'Accessoarer',
    variants: [['natur', 'svart']],
    price: [149, 199],
    weightKg: 0.2,
    volumeM3: 0.002,
    supplierNo: '11',
    country: 'IN',
    commodityCode: '42022290',
    comment: 'Tygväska i kraftig canvas.',
  },
  {
    base: 'Kudde dun',
    group: 'Sängkläder',
    variants: [['40x60', '50x60']],
    price: [599, 799],
    weightKg: 0.8,
    volumeM3: 0.02,
    supplierNo: '11',
    country: 'LT',
    commodityCode: '94049090',
    comment: 'Kudde med svanmärkt dun.',
  },
  {
    base: 'Kuddfodral',
    group: 'Hem',
    variants: [
      ['grå', 'grön', 'senap', 'rost', 'blå'],
      ['45x45', '50x50'],
    ],
    price: [179, 249],
    weightKg: 0.2,
    volumeM3: 0.001,
    supplierNo: '11',
    country: 'IN',
    commodityCode: '63049200',
    comment: 'Kuddfodral med dold dragkedja.',
  },
  {
    base: 'Pläd ull',
    group: 'Hem',
    variants: [['grå', 'röd', 'grön', 'blå']],
    price: [899, 1299],
    weightKg: 1.1,
    volumeM3: 0.01,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '63012010',
    comment: 'Pläd i gotländsk ull, 130×170 cm.',
  },
  {
    base: 'Filt fleece',
    group: 'Hem',
    variants: [['grå', 'blå', 'rosa']],
    price: [249, 349],
    weightKg: 0.6,
    volumeM3: 0.008,
    supplierNo: '11',
    country: 'CN',
    commodityCode: '63014090',
    comment: 'Mjuk filt i återvunnen polyester.',
  },
  {
    base: 'Toffel filt',
    group: 'Skor',
    variants: [['grå', 'brun'], SIZES_SHOES],
    price: [349, 449],
    weightKg: 0.4,
    volumeM3: 0.003,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '64059090',
    comment: 'Toffel i tovad ull med läderklädd sula.',
  },
  {
    base: 'Gummistövel',
    group: 'Skor',
    variants: [['svart', 'grön', 'röd'], SIZES_SHOES],
    price: [499, 699],
    weightKg: 1.4,
    volumeM3: 0.012,
    supplierNo: '13',
    country: 'PT',
    commodityCode: '64011000',
    comment: 'Stövel i naturgummi, halkfri sula.',
  },
  {
    base: 'Regnjacka',
    group: 'Kläder',
    variants: [
      ['gul', 'grön', 'marinblå'],
      ['S', 'M', 'L', 'XL'],
    ],
    price: [799, 999],
    weightKg: 0.7,
    volumeM3: 0.006,
    supplierNo: '13',
    country: 'PT',
    commodityCode: '62019300',
    comment: 'Regnjacka med tejpade sömmar.',
  },
  {
    base: 'Keps',
    group: 'Accessoarer',
    variants: [['svart', 'beige', 'grön']],
    price: [199, 249],
    weightKg: 0.1,
    volumeM3: 0.002,
    supplierNo: '11',
    country: 'CN',
    commodityCode: '65050090',
    comment: 'Keps i bomullstwill.',
  },
  {
    base: 'Barnstrumpa',
    group: 'Strumpor',
    variants: [
      ['röd', 'blå', 'gul', 'grön'],
      ['19-22', '23-26', '27-30'],
    ],
    price: [49, 79],
    weightKg: 0.04,
    volumeM3: 0.0002,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '61159500',
    comment: 'Barnstrumpa med halkskydd.',
  },
  {
    base: 'Tygkasse tryckt',
    group: 'Accessoarer',
    variants: [['Älg', 'Räv', 'Björk', 'Hav']],
    price: [129, 169],
    weightKg: 0.15,
    volumeM3: 0.001,
    supplierNo: '11',
    country: 'IN',
    commodityCode: '42022290',
    comment: 'Tygkasse med tryck från Norrland.',
  },
  {
    base: 'Servett linne 4-pack',
    group: 'Kök',
    variants: [['vit', 'grå', 'grön', 'blå']],
    price: [199, 279],
    weightKg: 0.2,
    volumeM3: 0.001,
    supplierNo: '11',
    country: 'LT',
    commodityCode: '63025390',
    comment: 'Servetter i tvättat linne, 45×45 cm.',
  },
  {
    base: 'Duk',
    group: 'Kök',
    variants: [
      ['vit', 'grå', 'blå'],
      ['140x180', '140x250'],
    ],
    price: [399, 599],
    weightKg: 0.6,
    volumeM3: 0.003,
    supplierNo: '11',
    country: 'LT',
    commodityCode: '63025390',
    comment: 'Duk i halvlinne, fläckskyddad.',
  },
  {
    base: 'Handske läder',
    group: 'Accessoarer',
    variants: [
      ['brun', 'svart'],
      ['7', '8', '9', '10'],
    ],
    price: [499, 699],
    weightKg: 0.12,
    volumeM3: 0.0008,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '42032990',
    comment: 'Fodrad handske i getskinn.',
  },
  {
    base: 'Sjal',
    group: 'Accessoarer',
    variants: [['grå', 'rosa', 'blå', 'grön']],
    price: [349, 499],
    weightKg: 0.15,
    volumeM3: 0.001,
    supplierNo: '10',
    country: 'SE',
    commodityCode: '61172000',
    comment: 'Sjal i lammull och silke.',
  },
];

const SUPPLIERS: SpecterFixtureSupplier[] = [
  {
    supplierNo: '10',
    name: 'Ullspinneriet i Borås AB',
    address: 'Åsboholmsgatan 6',
    zipCode: '504 51',
    city: 'Borås',
    countryCode: 'SE',
    phoneNo: '033-12 34 50',
    emailAddress: 'order@ullspinneriet.example',
  },
  {
    supplierNo: '11',
    name: 'Nordisk Textilgrossist AB',
    address: 'Östra Hamngatan 24',
    zipCode: '411 09',
    city: 'Göteborg',
    countryCode: 'SE',
    phoneNo: '031-70 11 20',
    emailAddress: 'inkop@textilgrossist.example',
  },
  {
    supplierNo: '12',
    name: 'Småländsk Keramik & Ljus HB',
    address: 'Glasbruksvägen 3',
    zipCode: '360 52',
    city: 'Kosta',
    countryCode: 'SE',
    phoneNo: '0478-345 60',
    emailAddress: 'info@smalandskkeramik.example',
  },
  {
    supplierNo: '13',
    name: 'Fjällutrustning Norr AB',
    address: 'Storgatan 51',
    zipCode: '972 31',
    city: 'Luleå',
    countryCode: 'SE',
    phoneNo: '0920-155 00',
    emailAddress: 'order@fjallnorr.example',
  },
];

const CITIES: [string, string][] = [
  ['111 22', 'Stockholm'],
  ['411 06', 'Göteborg'],
  ['211 20', 'Malmö'],
  ['753 20', 'Uppsala'],
  ['722 11', 'Västerås'],
  ['702 10', 'Örebro'],
  ['582 22', 'Linköping'],
  ['903 26', 'Umeå'],
  ['553 20', 'Jönköping'],
  ['602 24', 'Norrköping'],
  ['222 21', 'Lund'],
  ['803 20', 'Gävle'],
  ['831 30', 'Östersund'],
  ['352 30', 'Växjö'],
  ['981 31', 'Kiruna'],
  ['621 55', 'Visby'],
  ['837 52', 'Åre'],
  ['791 71', 'Falun'],
];

const STREETS = [
  'Storgatan',
  'Drottninggatan',
  'Kungsgatan',
  'Östra Långgatan',
  'Västra Hamngatan',
  'Åsögatan',
  'Götgatan',
  'Sveavägen',
  'Köpmangatan',
  'Järnvägsgatan',
  'Ängsvägen',
  'Björkvägen',
  'Skolgatan',
  'Sjögatan',
];
const FIRST_NAMES = [
  'Åsa',
  'Örjan',
  'Björn',
  'Märta',
  'Göran',
  'Ingrid',
  'Håkan',
  'Linnéa',
  'Sören',
  'Karin',
  'Jörgen',
  'Maja',
  'Östen',
  'Elsa',
  'Mårten',
  'Agnes',
  'Pär',
  'Sofia',
  'Ragnar',
  'Frida',
];
const SURNAMES = [
  'Öberg',
  'Lindström',
  'Åberg',
  'Sjögren',
  'Nyström',
  'Bäckström',
  'Håkansson',
  'Söderberg',
  'Ström',
  'Wästberg',
  'Löfgren',
  'Ekström',
  'Sandén',
  'Fröberg',
  'Hägg',
  'Dahlén',
  'Nordqvist',
  'Jönsson',
  'Åkesson',
  'Östlund',
];
const COMPANIES = [
  'Bästa Bageriet AB',
  'Fjällstugan i Åre AB',
  'Kaffegården på Öland HB',
  'Ängens Blommor AB',
  'Sjöbodens Handel AB',
  'Hälsingegårdens Gårdsbutik',
  'Möbelsnickeriet i Mora AB',
  'Ölandsgrossisten AB',
  'Björkhagens Förskola',
  'Fröken Ströms Kafé',
  'Västkustens Presentbod AB',
  'Norrlands Hemslöjd AB',
  'Gårdsbutiken Ängsö',
  'Skärgårdshotellet på Utö AB',
  'Östgöta Inredning AB',
  'Lappländska Souvenirer AB',
  'Strömstads Fiskaffär HB',
  'Dalahästens Hus AB',
  'Göteborgs Kökscentrum AB',
  'Smögens Sjöbodar AB',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Wall-clock arithmetic on a Specter timestamp (no time zone involved). */
function timestampPlus(base: string, seconds: number): string {
  const d = new Date(Date.parse(`${base.replace(' ', 'T')}Z`) + seconds * 1000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
}

function ean13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body12}${(10 - (sum % 10)) % 10}`;
}

function expand(variants: string[][]): string[][] {
  return variants.reduce<string[][]>((acc, dim) => acc.flatMap((prefix) => dim.map((v) => [...prefix, v])), [[]]);
}

/**
 * A deterministic Swedish demo catalogue for the Specter simulator: 300 articles, 4 suppliers,
 * 40 customers (companies and private persons), 30 open orders (delivery status N), 8 purchases
 * and stock on stock site 1. The same seed always gives the same data.
 */
export function createSpecterDemoFixture(seed = 1): SpecterFixture {
  const rand = prng(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const base = '2026-01-05 08:00:00';

  // Articles
  const articles: SpecterFixtureArticle[] = [];
  for (const line of LINES) {
    for (const variant of expand(line.variants)) {
      if (articles.length >= 300) break;
      const i = articles.length + 1;
      const incl = between(Math.floor(line.price[0] / 10), Math.floor(line.price[1] / 10)) * 10 - 1;
      const priceExclVat = Math.round((incl / 1.25) * 100) / 100;
      const buyPrice = Math.round(priceExclVat * (0.35 + rand() * 0.2) * 100) / 100;
      const supplier = SUPPLIERS.find((s) => s.supplierNo === line.supplierNo);
      articles.push({
        articleId: String(100 + i),
        articleNo: `ART-${pad(i, 4)}`,
        name: [line.base, ...variant].join(' '),
        articleComment: line.comment,
        articleGroup: line.group,
        barCode: ean13(`735${pad(seed % 1000, 3)}${pad(i, 6)}`),
        suppliers: [
          {
            supplierNo: line.supplierNo,
            supplierName: supplier?.name ?? '',
            supplierArticleNo: `${line.supplierNo}-${pad(i * 7, 5)}`,
            supplierBuyPrice: buyPrice,
            isDefault: true,
          },
        ],
        manufacturingCountryCode: line.country,
        commodityCode: line.commodityCode,
        buyPrice,
        priceExclVat,
        stockPrice: buyPrice,
        vatPercent: 25,
        productVolume: line.volumeM3,
        productWeight: line.weightKg,
        lastChanged: timestampPlus(base, i * 60),
      });
    }
  }

  // Customers: 20 companies, 20 private persons. The first person is always Åsa Öberg.
  const customers: SpecterFixtureCustomer[] = [];
  for (let i = 0; i < 40; i++) {
    const company = i % 2 === 1;
    const [zipCode, city] = pick(CITIES);
    const street = `${pick(STREETS)} ${between(1, 80)}`;
    const customerId = String(100 + i);
    const firstName = i === 0 ? 'Åsa' : pick(FIRST_NAMES);
    const surName = i === 0 ? 'Öberg' : pick(SURNAMES);
    const name = company ? (COMPANIES[(i - 1) / 2] ?? `Företag ${i} AB`) : '';
    const mail = company
      ? `order@${
          name
            .toLowerCase()
            .replace(/[^a-z]+/g, '')
            .slice(0, 16) || 'foretag'
        }.example`
      : `${firstName}.${surName}`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z.]/g, '')
          .concat('@post.example');
    const orgDigits = `556${pad(between(0, 999999), 6)}`;
    const address = { address: street, zipCode, city, countryCode: 'SE' };
    customers.push({
      customerId,
      firstName: company ? '' : firstName,
      surName: company ? '' : surName,
      name,
      orgNo: company ? `${orgDigits}-${pad(between(0, 9999), 4)}` : '',
      vatNo: company ? `SE${orgDigits}${pad(between(0, 9999), 4)}01` : '',
      phoneNo: company
        ? `0${between(8, 90)}-${between(100, 999)} ${pad(between(0, 99), 2)} ${pad(between(0, 99), 2)}`
        : '',
      mobileNo: company ? '' : `070-${between(100, 999)} ${pad(between(0, 99), 2)} ${pad(between(0, 99), 2)}`,
      emailAddress: mail,
      invoiceAddress: {
        ...address,
        companyName: name,
        attention: company ? `${pick(FIRST_NAMES)} ${pick(SURNAMES)}` : '',
      },
      deliveryAddress: { ...address, companyName: name, attention: '' },
    });
  }

  // Open orders
  const orders: SpecterFixtureOrder[] = [];
  for (let i = 0; i < 30; i++) {
    const customer = i === 0 ? (customers[0] as SpecterFixtureCustomer) : pick(customers);
    const rowCount = between(1, 4);
    const chosen = new Set<string>();
    const rows: SpecterFixtureOrder['rows'] = [];
    while (rows.length < rowCount) {
      const article = pick(articles);
      if (chosen.has(article.articleNo)) continue;
      chosen.add(article.articleNo);
      rows.push({ articleNo: article.articleNo, noOfItems: between(1, 5) });
    }
    const person = customer.name === '';
    orders.push({
      orderId: String(5501 + i),
      orderNo: String(1001 + i),
      externalOrderNo: i % 3 === 0 ? '' : `WEB-${pad(7700 + i, 5)}`,
      customerId: String(customer.customerId),
      currency: 'SEK',
      deliveryDate: timestampPlus(base, (10 + Math.floor(i / 3)) * 86400).slice(0, 10),
      lastChanged: timestampPlus(base, 30 * 86400 + i * 600),
      stockSiteId: '1',
      customerReference: person ? `${customer.firstName}` : `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`,
      customerOrderReference: person ? '' : `IO-${between(1000, 9999)}`,
      internalComment: i % 5 === 0 ? 'Kunden vill ha leverans före helgen.' : '',
      publishedComment: i % 4 === 0 ? 'Tack för din beställning!' : '',
      notifyDeliveryByMobile: person,
      notifyDeliveryMobileNo: person ? (customer.mobileNo ?? '') : '',
      rows,
    });
  }

  // Purchases
  const purchases: SpecterFixturePurchase[] = [];
  for (let i = 0; i < 8; i++) {
    const supplier = SUPPLIERS[i % SUPPLIERS.length] as SpecterFixtureSupplier;
    const candidates = articles.filter((a) => a.suppliers?.[0]?.supplierNo === supplier.supplierNo);
    const rowCount = between(2, 6);
    const chosen = new Set<string>();
    const rows: SpecterFixturePurchase['rows'] = [];
    while (rows.length < Math.min(rowCount, candidates.length)) {
      const article = pick(candidates);
      if (chosen.has(article.articleNo)) continue;
      chosen.add(article.articleNo);
      rows.push({ articleNo: article.articleNo, noOfItems: between(2, 20) * 5 });
    }
    purchases.push({
      purchaseId: String(3001 + i),
      purchaseNo: `P-${3001 + i}`,
      orderDate: timestampPlus(base, (20 + i) * 86400).slice(0, 10),
      deliveryOutDate: timestampPlus(base, (40 + i * 2) * 86400).slice(0, 10),
      lastChanged: timestampPlus(base, 25 * 86400 + i * 900),
      stockSiteId: '1',
      currency: 'SEK',
      supplierNo: String(supplier.supplierNo),
      rows,
    });
  }

  // Stock on site 1; a few articles have no stock record (Specter: noItemsAvailable).
  const stock = articles.map((a) => ({
    stockSiteId: '1',
    articleNo: a.articleNo,
    noItemsInStock: rand() < 0.05 ? null : between(0, 200),
  }));

  return {
    stockSites: [{ stockSiteId: '1', name: 'Huvudlager' }],
    articles,
    customers,
    suppliers: SUPPLIERS.map((s) => ({ ...s })),
    orders,
    purchases,
    stock,
  };
}
