"""Where a family lives, as the local authority that runs its SEND services.

``where.resolve`` reads a postcode, a postcode district or sector, a town, an LA's code or a
council's name in any common form (``postcodes`` and ``names``), and answers with the one upper-tier
LA it understood, or refuses with the choices or suggestions to offer. Pure reference data: no
database, read once per process.
"""
