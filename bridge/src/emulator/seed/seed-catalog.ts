/** Fixed catalog data the seed draws from: realistic names, addresses, products, sites and carriers. */

export const COMPANY_STEMS = [
    'Summit', 'Harbor', 'Cedar', 'Northwind', 'Bluebird', 'Granite', 'Riverbend', 'Lakeside', 'Ironwood', 'Meadow',
    'Pinecrest', 'Silverline', 'Oakridge', 'Redstone', 'Brightwater', 'Foxglove', 'Highland', 'Juniper', 'Maple Leaf', 'Stonebridge'
];
export const COMPANY_SUFFIXES = ['Outfitters', 'Trading Co.', 'Supply', 'Goods', 'Retail Group', 'Sports', 'Mercantile', 'Home & Garden'];

export const FIRST_NAMES = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Mia', 'Lucas', 'Amelia', 'Mateo', 'Harper', 'Ethan', 'Aria', 'Daniel'];
export const LAST_NAMES = ['Johnson', 'Garcia', 'Nguyen', 'Patel', 'Smith', 'Brown', 'Martinez', 'Kim', 'Okafor', 'Rossi', 'Schmidt', 'Cohen', 'Lopez', 'Walker', 'Young', 'Ali'];

/** US cities with a state and a plausible postal code prefix. */
export const CITIES = [
    { city: 'Boston', state: 'MA', postal: '021' },
    { city: 'Brooklyn', state: 'NY', postal: '112' },
    { city: 'Philadelphia', state: 'PA', postal: '191' },
    { city: 'Atlanta', state: 'GA', postal: '303' },
    { city: 'Chicago', state: 'IL', postal: '606' },
    { city: 'Austin', state: 'TX', postal: '787' },
    { city: 'Denver', state: 'CO', postal: '802' },
    { city: 'Phoenix', state: 'AZ', postal: '850' },
    { city: 'Seattle', state: 'WA', postal: '981' },
    { city: 'Portland', state: 'OR', postal: '972' },
    { city: 'San Diego', state: 'CA', postal: '921' },
    { city: 'Minneapolis', state: 'MN', postal: '554' }
];
export const STREET_NAMES = ['Main St', 'Oak Ave', 'Maple Dr', 'Washington Blvd', 'Lake Shore Rd', 'Elm St', 'Park Pl', 'Market St', 'Sunset Ave', 'Hillcrest Ln'];

/** Product families with item names and a price range in dollars. */
export const PRODUCT_LINES = [
    { family: 'Apparel', code: 'APP', items: ['Merino Base Layer', 'Rain Shell Jacket', 'Fleece Pullover', 'Trail Shorts', 'Down Vest', 'Wool Beanie'], price: [19, 229] },
    { family: 'Footwear', code: 'FTW', items: ['Trail Runner', 'Hiking Boot', 'Camp Sandal', 'Approach Shoe', 'Winter Boot'], price: [49, 249] },
    { family: 'Equipment', code: 'EQP', items: ['2-Person Tent', 'Sleeping Bag 20F', 'Trekking Poles', 'Camp Stove', 'Headlamp 400', 'Water Filter'], price: [24, 449] },
    { family: 'Accessories', code: 'ACC', items: ['Daypack 24L', 'Insulated Bottle', 'Dry Bag 10L', 'Sunglasses', 'Gaiters', 'Repair Kit'], price: [9, 129] }
] as const;
export const PRODUCT_COLORS = ['Black', 'Slate', 'Forest', 'Ember', 'Glacier'];

/** Warehouses and stores; ExternalReference is the ERP/WMS site code. */
export const LOCATIONS = [
    { name: 'East Distribution Center', externalReference: 'WH-EAST-01', type: 'Warehouse', city: 'Edison', state: 'NJ' },
    { name: 'West Distribution Center', externalReference: 'WH-WEST-01', type: 'Warehouse', city: 'Reno', state: 'NV' },
    { name: 'Central Distribution Center', externalReference: 'WH-CENTRAL-01', type: 'Warehouse', city: 'Columbus', state: 'OH' },
    { name: 'Boston Flagship Store', externalReference: 'ST-BOS-01', type: 'Store', city: 'Boston', state: 'MA' },
    { name: 'Denver Store', externalReference: 'ST-DEN-01', type: 'Store', city: 'Denver', state: 'CO' },
    { name: 'Seattle Store', externalReference: 'ST-SEA-01', type: 'Store', city: 'Seattle', state: 'WA' }
] as const;

/** Delivery methods with the carrier as Shipment.Provider expects it. */
export const DELIVERY_METHODS = [
    { name: 'UPS Ground', carrier: 'UPS', service: 'Ground', reference: 'UPS-GND', trackingUrl: 'https://www.ups.com/track?tracknum=' },
    { name: 'FedEx 2Day', carrier: 'FedEx', service: '2Day', reference: 'FDX-2DAY', trackingUrl: 'https://www.fedex.com/fedextrack/?trknbr=' },
    { name: 'USPS Priority Mail', carrier: 'USPS', service: 'Priority Mail', reference: 'USPS-PRI', trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' },
    { name: 'FedEx Standard Overnight', carrier: 'FedEx', service: 'Standard Overnight', reference: 'FDX-STD-ON', trackingUrl: 'https://www.fedex.com/fedextrack/?trknbr=' }
] as const;
