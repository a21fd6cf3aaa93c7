-- 0013 park kinds, levels and catalog focus (issue 11 §3, decision 0011). The park registry mixes development zones
-- and parks with platforms, laboratories and standard factories: carrier_kind is one of a fixed list
-- (Registries/ParkKinds.cs: development_zone, park, sub_park, cluster_area, base, platform, laboratory,
-- standard_factory, facility, area) and decides whether a row counts as a park. level_printed keeps the level's words
-- as the page prints them; focus_catalog the reading of the printed focus words (focus_industries, as before) on the
-- 33618 catalog as printed=industry pairs; area_basis what the printed area measures (规划面积, 占地面积 …).
-- A public row's level may come from a second page (level_src_public).
ALTER TABLE parks ADD COLUMN carrier_kind TEXT;
ALTER TABLE parks ADD COLUMN level_printed TEXT;
ALTER TABLE parks ADD COLUMN focus_catalog TEXT;
ALTER TABLE parks ADD COLUMN area_basis TEXT;
ALTER TABLE parks ADD COLUMN level_src_public TEXT REFERENCES public_sources(id);
CREATE INDEX parks_carrier_kind ON parks(carrier_kind);
