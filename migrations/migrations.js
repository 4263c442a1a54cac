import m0000 from './20261125230118_init/migration.sql';
import m0001 from './20261125231901_cdc_packed_entries/migration.sql';

  export default {
    migrations: {
      "20261125230118_init": m0000,
"20261125231901_cdc_packed_entries": m0001
}
  }
  