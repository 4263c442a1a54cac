import m0000 from './20261125230118_init/migration.sql';
import m0001 from './20261125231901_cdc_packed_entries/migration.sql';
import m0002 from './20261125233907_pruning_stats/migration.sql';
import m0003 from './20261125234443_event_stream/migration.sql';
import m0004 from './20261126001458_cdc_images/migration.sql';
import m0005 from './20261126013254_tags/migration.sql';
import m0006 from './20261126020936_iceberg_tables/migration.sql';
import m0007 from './20261126023155_iceberg_positions/migration.sql';
import m0008 from './20261126062310_batches_stats_first/migration.sql';

  export default {
    migrations: {
      "20261125230118_init": m0000,
"20261125231901_cdc_packed_entries": m0001,
"20261125233907_pruning_stats": m0002,
"20261125234443_event_stream": m0003,
"20261126001458_cdc_images": m0004,
"20261126013254_tags": m0005,
"20261126020936_iceberg_tables": m0006,
"20261126023155_iceberg_positions": m0007,
"20261126062310_batches_stats_first": m0008
}
  }
  