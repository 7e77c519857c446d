DROP TABLE lost_items;
