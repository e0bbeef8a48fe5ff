/**
 * Tables every installation starts from: the common carriers with their aliases and tracking URLs,
 * usual units of measure, and the countries the sample data uses. A company's mapping file is
 * layered over these (see mapping-loader.ts), so it only lists what differs.
 */
import type { MappingConfigInput } from './mapping-config.ts';

export const DEFAULT_MAPPING: MappingConfigInput = {
    carriers: {
        aliases: {
            UPS: ['UPS', 'UPSN', 'United Parcel Service', 'UPS Parcel'],
            UPS_FREIGHT: ['UPGF', 'UPS Freight'],
            FEDEX: ['FEDEX', 'FedEx', 'Federal Express', 'FDEG', 'FDEN', 'FedEx Ground', 'FedEx Express'],
            FEDEX_FREIGHT: ['FXNL', 'FedEx Freight'],
            USPS: ['USPS', 'US Postal Service', 'United States Postal Service'],
            DHL: ['DHL', 'DHL Express']
        },
        trackingUrls: {
            UPS: 'https://www.ups.com/track?loc=en_US&tracknum={n}',
            FEDEX: 'https://www.fedex.com/fedextrack/?trknbr={n}',
            USPS: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}',
            DHL: 'https://www.dhl.com/us-en/home/tracking.html?tracking-id={n}'
        },
        providers: {}
    },
    unitsOfMeasure: {
        table: { each: 'EA', ea: 'EA', unit: 'EA', units: 'EA', pc: 'EA', pcs: 'EA', piece: 'EA', box: 'BX', bx: 'BX', case: 'CS', cs: 'CS', pair: 'PR', pr: 'PR', kg: 'KG', lb: 'LB' },
        default: 'EA'
    },
    address: {
        countries: {
            'united states': 'US',
            'united states of america': 'US',
            usa: 'US',
            canada: 'CA',
            'united kingdom': 'GB',
            germany: 'DE',
            france: 'FR'
        }
    }
};
