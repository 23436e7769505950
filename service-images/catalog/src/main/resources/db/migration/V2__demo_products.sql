-- A new shop's demo catalogue: a migration, so it is loaded exactly once per database.
INSERT INTO category (slug, name) VALUES
    ('coffee', 'Coffee'), ('tea', 'Tea'), ('brewing', 'Brewing gear'), ('mugs', 'Mugs & cups');

INSERT INTO product (sku, name, description, category, price_minor, currency, image_url) VALUES
    ('COF-ESP-250', 'Espresso Roast', 'Dark, syrupy, with notes of cocoa. 250 g whole beans.', 'coffee', 1290, 'EUR', '/images/COF-ESP-250.svg'),
    ('COF-ETH-250', 'Ethiopia Yirgacheffe', 'Floral and bright, jasmine and lemon. 250 g whole beans.', 'coffee', 1490, 'EUR', '/images/COF-ETH-250.svg'),
    ('COF-COL-1000', 'Colombia Huila 1 kg', 'Caramel sweetness for every day. 1 kg whole beans.', 'coffee', 3990, 'EUR', '/images/COF-COL-1000.svg'),
    ('COF-DEC-250', 'Swiss Water Decaf', 'All the taste, none of the caffeine. 250 g.', 'coffee', 1390, 'EUR', '/images/COF-DEC-250.svg'),
    ('TEA-SEN-100', 'Sencha Green Tea', 'Grassy Japanese green tea, 100 g loose leaf.', 'tea', 990, 'EUR', '/images/TEA-SEN-100.svg'),
    ('TEA-EAR-100', 'Earl Grey', 'Black tea with bergamot, 100 g loose leaf.', 'tea', 790, 'EUR', '/images/TEA-EAR-100.svg'),
    ('TEA-CHA-200', 'Masala Chai', 'Black tea with cardamom, cinnamon and ginger. 200 g.', 'tea', 1190, 'EUR', '/images/TEA-CHA-200.svg'),
    ('BRW-V60-02', 'Pour-over Dripper', 'Ceramic cone dripper, size 02.', 'brewing', 2490, 'EUR', '/images/BRW-V60-02.svg'),
    ('BRW-GRN-01', 'Hand Grinder', 'Conical steel burrs, 30 g capacity.', 'brewing', 6900, 'EUR', '/images/BRW-GRN-01.svg'),
    ('BRW-KET-10', 'Gooseneck Kettle', '1 litre, for a steady pour.', 'brewing', 4500, 'EUR', '/images/BRW-KET-10.svg'),
    ('MUG-STO-350', 'Stoneware Mug', 'Hand-glazed, 350 ml.', 'mugs', 1800, 'EUR', '/images/MUG-STO-350.svg'),
    ('MUG-GLS-200', 'Double-wall Glass', 'Keeps your coffee hot and your hands cool. 200 ml.', 'mugs', 1500, 'EUR', '/images/MUG-GLS-200.svg');
