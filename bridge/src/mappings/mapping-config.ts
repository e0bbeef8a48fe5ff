/**
 * The per-company part of the mappings: cross-reference tables, carrier aliases and tracking URLs,
 * units of measure, date and address formats. Validated with zod so a bad table is refused at
 * start-up with the key that is wrong, never discovered order by order.
 */
import { z } from 'zod';

const code = z.string().regex(/^[A-Z0-9_]{2,20}$/, 'expected an upper-case code such as UPS');
const table = () => z.record(z.string().min(1), z.string().min(1)).default({});

/** A cross-reference table: our value → the other system's value. */
const crossReference = () =>
    z
        .object({
            /** Source value → target value. */
            table: table(),
            /** When true a value missing from the table is a mapping problem; when false it passes unchanged (default false). */
            required: z.boolean().default(false)
        })
        .strict()
        .default({ table: {}, required: false });

export const dateFormatSchema = z.enum(['iso-datetime', 'iso-date', 'yyyyMMdd', 'MM/dd/yyyy', 'epoch-ms']);
export type DateFormat = z.infer<typeof dateFormatSchema>;

export const mappingConfigSchema = z
    .object({
        /** Salesforce StockKeepingUnit → warehouse/ERP item code. */
        skus: crossReference(),
        /** Salesforce Location ExternalReference (or Name) → warehouse location code. */
        locations: crossReference(),
        /** Salesforce Account ID → ERP customer number. */
        customers: crossReference(),
        carriers: z
            .object({
                /** Carrier code → every spelling seen for it (SCAC, WMS strings, Salesforce picklist labels). */
                aliases: z.record(code, z.array(z.string().min(1))).default({}),
                /** Carrier code → tracking URL with `{n}` where the tracking number goes. */
                trackingUrls: z
                    .record(code, z.string().includes('{n}', { message: 'expected a URL template containing {n}' }))
                    .default({}),
                /** Carrier code → value for Salesforce `Shipment.Provider` (default: the code itself). */
                providers: z.record(code, z.string().min(1)).default({})
            })
            .strict()
            .default({ aliases: {}, trackingUrls: {}, providers: {} }),
        /** OrderDeliveryMethod ReferenceNumber or Name → carrier and service, when the method's own fields are not enough. */
        deliveryMethods: z
            .record(z.string().min(1), z.object({ carrier: z.string().min(1), service: z.string().min(1) }).strict())
            .default({}),
        unitsOfMeasure: z
            .object({
                /** Any spelling → the unit code the warehouse/ERP expects (case-insensitive keys). */
                table: table(),
                /** Unit used when a line has none (default EA). */
                default: z.string().min(1).default('EA')
            })
            .strict()
            .default({ table: {}, default: 'EA' }),
        dates: z
            .object({
                /** How dates are written in outbound documents (default iso-datetime). */
                outbound: dateFormatSchema.default('iso-datetime')
            })
            .strict()
            .default({ outbound: 'iso-datetime' }),
        address: z
            .object({
                /** Longest street line the warehouse accepts (default 35, the common label/EDI limit). */
                maxLineLength: z.number().int().min(10).max(200).default(35),
                /** Most street lines the warehouse accepts (default 3). */
                maxLines: z.number().int().min(1).max(4).default(3),
                /** Country names as found in source records → ISO 3166-1 alpha-2 codes. */
                countries: table(),
                /** Single-line form; placeholders {name} {lines} {city} {region} {postalCode} {country}. */
                singleLine: z.string().min(1).default('{lines}, {city}, {region} {postalCode}, {country}')
            })
            .strict()
            .default({ maxLineLength: 35, maxLines: 3, countries: {}, singleLine: '{lines}, {city}, {region} {postalCode}, {country}' })
    })
    .strict();

export type MappingConfig = z.infer<typeof mappingConfigSchema>;
/** What a mapping file may contain before defaults are applied. */
export type MappingConfigInput = z.input<typeof mappingConfigSchema>;
