-- Stock for the demo catalogue's SKUs (catalog's V2): loaded once per database.
INSERT INTO stock (sku, on_hand) VALUES
    ('COF-ESP-250', 40), ('COF-ETH-250', 25), ('COF-COL-1000', 12), ('COF-DEC-250', 18),
    ('TEA-SEN-100', 30), ('TEA-EAR-100', 30), ('TEA-CHA-200', 20),
    ('BRW-V60-02', 10), ('BRW-GRN-01', 3), ('BRW-KET-10', 6),
    ('MUG-STO-350', 24), ('MUG-GLS-200', 16);
