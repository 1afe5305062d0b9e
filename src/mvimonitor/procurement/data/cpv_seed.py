# ruff: noqa: E501 (reference data: one code per entry, names as published)
"""The CPV codes seeded into every installation: all 45 divisions and the groups most
used by Dutch public buyers, with the names of the official Dutch and English versions
of the CPV 2008 (Regulation (EC) No 213/2008). The check digits are those of the official
list; tests/procurement/test_cpv.py checks each against the rule of procurement.cpv.
The full list (about 9,450 codes) is loaded with `mvi-monitor import-cpv FILE`.
"""

# code with check digit, Dutch name, English name
CPV_SEED: list[tuple[str, str, str]] = [
    (
        "03000000-1",
        "Landbouw-, landbouwbedrijfs-, visserij-, bosbouw- en aanverwante producten",
        "Agricultural, farming, fishing, forestry and related products",
    ),
    ("03100000-2", "Land- en tuinbouwproducten", "Agricultural and horticultural products"),
    (
        "03200000-3",
        "Granen, aardappelen, groenten, fruit en noten",
        "Cereals, potatoes, vegetables, fruits and nuts",
    ),
    (
        "03300000-2",
        "Producten van landbouwbedrijven, jacht en visserij",
        "Farming, hunting and fishing products",
    ),
    (
        "09000000-3",
        "Aardolieproducten, brandstof, elektriciteit en andere energiebronnen",
        "Petroleum products, fuel, electricity and other sources of energy",
    ),
    ("09100000-0", "Brandstoffen", "Fuels"),
    ("09200000-1", "Aardolie, steenkool en olieproducten", "Petroleum, coal and oil products"),
    (
        "09300000-2",
        "Elektriciteit, verwarming, zonne- en kernenergie",
        "Electricity, heating, solar and nuclear energy",
    ),
    (
        "14000000-1",
        "Mijnbouw, basismetalen en aanverwante producten",
        "Mining, basic metals and related products",
    ),
    ("14200000-3", "Zand en klei", "Sand and clay"),
    ("14300000-4", "Chemische en kunstmestmineralen", "Chemical and fertiliser minerals"),
    ("14400000-5", "Zout en zuiver natriumchloride", "Salt and pure sodium chloride"),
    (
        "14500000-6",
        "Aanverwante producten van mijnbouw en steengroeven",
        "Related mining and quarrying products",
    ),
    ("14600000-7", "Metaalertsen en legeringen", "Metal ores and alloys"),
    ("14700000-8", "Basismetalen", "Basic metals"),
    (
        "14800000-9",
        "Diverse niet-metaalhoudende minerale producten",
        "Miscellaneous non-metallic mineral products",
    ),
    ("14900000-0", "Teruggewonnen secundaire grondstoffen", "Recovered secondary raw materials"),
    (
        "15000000-8",
        "Voeding, dranken, tabak en aanverwante producten",
        "Food, beverages, tobacco and related products",
    ),
    (
        "15100000-9",
        "Dierlijke producten, vlees en vleesproducten",
        "Animal products, meat and meat products",
    ),
    ("15200000-0", "Bereide en geconserveerde vis", "Prepared and preserved fish"),
    (
        "15300000-1",
        "Groenten, fruit en aanverwante producten",
        "Fruit, vegetables and related products",
    ),
    (
        "15400000-2",
        "Dierlijke of plantaardige oliën en vetten",
        "Animal or vegetable oils and fats",
    ),
    ("15500000-3", "Zuivelproducten", "Dairy products"),
    (
        "15600000-4",
        "Maalderijproducten, zetmeel en zetmeelproducten",
        "Grain mill products, starches and starch products",
    ),
    ("15800000-6", "Diverse voedingsmiddelen", "Miscellaneous food products"),
    ("16000000-5", "Landbouwmachines", "Agricultural machinery"),
    ("16700000-2", "Trekkers", "Tractors"),
    (
        "18000000-9",
        "Kleding, schoeisel, bagage en accessoires",
        "Clothing, footwear, luggage articles and accessories",
    ),
    (
        "18100000-0",
        "Beroepskleding, speciale werkkleding en toebehoren",
        "Occupational clothing, special workwear and accessories",
    ),
    ("18800000-7", "Schoeisel", "Footwear"),
    (
        "19000000-6",
        "Leder en textielweefsels, plastic en rubber materialen",
        "Leather and textile fabrics, plastic and rubber materials",
    ),
    ("22000000-0", "Drukwerk en aanverwante producten", "Printed matter and related products"),
    ("24000000-4", "Chemische producten", "Chemical products"),
    (
        "24900000-3",
        "Fijnchemicaliën en diverse chemische producten",
        "Fine and various chemical products",
    ),
    (
        "30000000-9",
        "Kantoor- en computermachines, uitrusting en benodigdheden, uitgezonderd meubelen en softwarepakketten",
        "Office and computing machinery, equipment and supplies except furniture and software packages",
    ),
    (
        "30100000-0",
        "Kantoormachines, -uitrusting en -benodigdheden, uitgezonderd computers, printers en meubelen",
        "Office machinery, equipment and supplies except computers, printers and furniture",
    ),
    ("30200000-1", "Computeruitrusting en -benodigdheden", "Computer equipment and supplies"),
    (
        "31000000-6",
        "Elektrische machines, apparaten, uitrusting en verbruiksartikelen; verlichting",
        "Electrical machinery, apparatus, equipment and consumables; lighting",
    ),
    (
        "31100000-7",
        "Elektromotoren, generatoren en transformatoren",
        "Electric motors, generators and transformers",
    ),
    (
        "31500000-1",
        "Verlichtingsuitrusting en elektrische lampen",
        "Lighting equipment and electric lamps",
    ),
    (
        "32000000-3",
        "Radio-, televisie-, communicatie- en telecommunicatieapparatuur en toebehoren",
        "Radio, television, communication, telecommunication and related equipment",
    ),
    ("32400000-7", "Netwerken", "Networks"),
    (
        "32500000-8",
        "Telecommunicatie-uitrusting en -benodigdheden",
        "Telecommunications equipment and supplies",
    ),
    (
        "33000000-0",
        "Medische apparatuur, farmaceutische artikelen en producten voor persoonlijke verzorging",
        "Medical equipments, pharmaceuticals and personal care products",
    ),
    ("33100000-1", "Medische apparatuur", "Medical equipments"),
    ("33600000-6", "Farmaceutische producten", "Pharmaceutical products"),
    ("33700000-7", "Producten voor persoonlijke verzorging", "Personal care products"),
    (
        "34000000-7",
        "Vervoersmaterieel en aanvullende producten voor vervoer",
        "Transport equipment and auxiliary products to transportation",
    ),
    ("34100000-8", "Motorvoertuigen", "Motor vehicles"),
    (
        "34300000-0",
        "Onderdelen en toebehoren voor voertuigen en motoren",
        "Parts and accessories for vehicles and their engines",
    ),
    (
        "35000000-4",
        "Beveiligings-, brandbestrijdings-, politie- en defensie-uitrusting",
        "Security, fire-fighting, police and defence equipment",
    ),
    ("35100000-5", "Nood- en beveiligingsuitrusting", "Emergency and security equipment"),
    (
        "37000000-8",
        "Muziekinstrumenten, sportartikelen, spellen, speelgoed, handwerk, kunstvoorwerpen en toebehoren",
        "Musical instruments, sport goods, games, toys, handicraft, art materials and accessories",
    ),
    ("37400000-2", "Sportartikelen en -uitrusting", "Sports goods and equipment"),
    (
        "38000000-5",
        "Laboratorium-, optische en precisieapparatuur (geen brillen)",
        "Laboratory, optical and precision equipments (excl. glasses)",
    ),
    (
        "39000000-2",
        "Meubelen (inclusief kantoormeubelen), inrichting, huishoudelijke apparaten (exclusief verlichting) en schoonmaakmiddelen",
        "Furniture (incl. office furniture), furnishings, domestic appliances (excl. lighting) and cleaning products",
    ),
    ("39100000-3", "Meubilair", "Furniture"),
    ("39500000-7", "Textielwaren", "Textile articles"),
    ("39800000-0", "Reinigings- en poetsmiddelen", "Cleaning and polishing products"),
    ("41000000-9", "Opgevangen en gezuiverd water", "Collected and purified water"),
    ("42000000-6", "Industriële machines", "Industrial machinery"),
    (
        "43000000-3",
        "Machines voor mijnbouw, steengroeven, bouwmaterieel",
        "Machinery for mining, quarrying, construction equipment",
    ),
    (
        "44000000-0",
        "Bouwconstructies en -materialen; aanvullende bouwproducten (uitgezonderd elektrische apparaten)",
        "Construction structures and materials; auxiliary products to construction (except electric apparatus)",
    ),
    (
        "44100000-1",
        "Bouwmaterialen en aanverwante artikelen",
        "Construction materials and associated items",
    ),
    ("45000000-7", "Bouwwerkzaamheden", "Construction work"),
    ("45100000-8", "Voorbereiding van bouwterreinen", "Site preparation work"),
    (
        "45200000-9",
        "Volledige of gedeeltelijke bouw en civieltechnische werkzaamheden",
        "Works for complete or part construction and civil engineering work",
    ),
    ("45300000-0", "Installatiewerkzaamheden in gebouwen", "Building installation work"),
    ("45400000-1", "Afwerking van gebouwen", "Building completion work"),
    (
        "45500000-2",
        "Verhuur van machines en uitrusting voor bouwwerkzaamheden en weg- en waterbouw, met bedieningspersoneel",
        "Hire of construction and civil engineering machinery and equipment with operator",
    ),
    ("48000000-8", "Software en informatiesystemen", "Software package and information systems"),
    ("48100000-9", "Branchespecifieke software", "Industry specific software package"),
    (
        "48600000-4",
        "Software voor databases en besturingssystemen",
        "Database and operating software package",
    ),
    ("48700000-5", "Software-utilities", "Software package utilities"),
    ("48800000-6", "Informatiesystemen en servers", "Information systems and servers"),
    ("50000000-5", "Reparatie- en onderhoudsdiensten", "Repair and maintenance services"),
    (
        "50100000-6",
        "Reparatie, onderhoud en aanverwante diensten voor voertuigen en aanverwante uitrusting",
        "Repair, maintenance and associated services of vehicles and related equipment",
    ),
    (
        "50400000-9",
        "Reparatie en onderhoud van medische en precisieapparatuur",
        "Repair and maintenance services of medical and precision equipment",
    ),
    (
        "50700000-2",
        "Reparatie en onderhoud van bouwinstallaties",
        "Repair and maintenance services of building installations",
    ),
    (
        "51000000-9",
        "Installatiediensten (uitgezonderd software)",
        "Installation services (except software)",
    ),
    (
        "55000000-0",
        "Hotels, restaurants en detailhandel",
        "Hotel, restaurant and retail trade services",
    ),
    ("55100000-1", "Hoteldiensten", "Hotel services"),
    (
        "55300000-3",
        "Restaurant- en maaltijdverstrekkingsdiensten",
        "Restaurant and food-serving services",
    ),
    ("55500000-5", "Kantine- en cateringdiensten", "Canteen and catering services"),
    (
        "60000000-8",
        "Vervoersdiensten (uitgezonderd vervoer van afval)",
        "Transport services (excl. waste transport)",
    ),
    ("60100000-9", "Wegvervoersdiensten", "Road transport services"),
    (
        "63000000-9",
        "Ondersteunende en aanvullende vervoersdiensten; reisbureaudiensten",
        "Supporting and auxiliary transport services; travel agencies services",
    ),
    ("64000000-6", "Post- en telecommunicatiediensten", "Postal and telecommunications services"),
    ("64100000-7", "Post- en koeriersdiensten", "Post and courier services"),
    ("64200000-8", "Telecommunicatiediensten", "Telecommunications services"),
    ("65000000-3", "Openbare nutsvoorzieningen", "Public utilities"),
    ("66000000-0", "Financiële en verzekeringsdiensten", "Financial and insurance services"),
    ("66100000-1", "Diensten van banken en beleggingsdiensten", "Banking and investment services"),
    ("70000000-1", "Diensten in verband met onroerend goed", "Real estate services"),
    (
        "71000000-8",
        "Architectuur, bouwkunde, ingenieurswerk en inspectie",
        "Architectural, construction, engineering and inspection services",
    ),
    (
        "71200000-0",
        "Architectonische en aanverwante diensten",
        "Architectural and related services",
    ),
    ("71300000-1", "Dienstverlening door ingenieurs", "Engineering services"),
    ("71500000-3", "Met de bouw verband houdende diensten", "Construction-related services"),
    ("71700000-5", "Controle- en bewakingsdiensten", "Monitoring and control services"),
    (
        "72000000-5",
        "IT-diensten: adviezen, softwareontwikkeling, internet en ondersteuning",
        "IT services: consulting, software development, Internet and support",
    ),
    ("72100000-6", "Advies inzake hardware", "Hardware consultancy services"),
    (
        "72200000-7",
        "Softwareprogrammering en -advies",
        "Software programming and consultancy services",
    ),
    ("72300000-8", "Uitwisseling van gegevens", "Data services"),
    ("72500000-0", "Computergerelateerde diensten", "Computer-related services"),
    (
        "73000000-2",
        "Diensten voor onderzoek en ontwikkeling en aanverwant advies",
        "Research and development services and related consultancy services",
    ),
    (
        "75000000-6",
        "Diensten op het gebied van openbaar bestuur, defensie en sociale verzekering",
        "Administration, defence and social security services",
    ),
    (
        "76000000-3",
        "Diensten in verband met de olie- en gasindustrie",
        "Services related to the oil and gas industry",
    ),
    (
        "77000000-0",
        "Land-, bosbouw-, tuinbouw-, aquacultuur- en imkerijdiensten",
        "Agricultural, forestry, horticultural, aquacultural and apicultural services",
    ),
    ("77100000-1", "Landbouwdiensten", "Agricultural services"),
    ("77300000-3", "Tuinbouwdiensten", "Horticultural services"),
    (
        "79000000-4",
        "Zakelijke dienstverlening: juridisch, marketing, consulting, drukkerij en beveiliging",
        "Business services: law, marketing, consulting, recruitment, printing and security",
    ),
    ("79100000-5", "Juridische dienstverlening", "Legal services"),
    (
        "79300000-7",
        "Markt- en economisch onderzoek; enquêtes en statistieken",
        "Market and economic research; polling and statistics",
    ),
    ("79700000-1", "Opsporings- en beveiligingsdiensten", "Investigation and security services"),
    (
        "79900000-3",
        "Diverse zakelijke en aanverwante diensten",
        "Miscellaneous business and business-related services",
    ),
    ("80000000-4", "Diensten voor onderwijs en opleiding", "Education and training services"),
    ("80500000-9", "Opleidingsdiensten", "Training services"),
    ("85000000-9", "Gezondheidszorg en maatschappelijk werk", "Health and social work services"),
    ("85100000-0", "Diensten van de gezondheidszorg", "Health services"),
    (
        "85300000-2",
        "Maatschappelijk werk en aanverwante diensten",
        "Social work and related services",
    ),
    (
        "90000000-7",
        "Diensten inzake afvalwater, afval, reiniging en milieu",
        "Sewage, refuse, cleaning and environmental services",
    ),
    (
        "90500000-2",
        "Diensten op het gebied van vuilnis en afval",
        "Refuse and waste related services",
    ),
    (
        "90600000-3",
        "Reinigings- en sanitaire diensten in stedelijke of landelijke gebieden, en aanverwante diensten",
        "Cleaning and sanitation services in urban or rural areas, and related services",
    ),
    ("90900000-6", "Reinigings- en saneringsdiensten", "Cleaning and sanitation services"),
    (
        "92000000-1",
        "Diensten op het gebied van recreatie, cultuur en sport",
        "Recreational, cultural and sporting services",
    ),
    (
        "98000000-3",
        "Andere gemeenschaps-, sociale en persoonlijke diensten",
        "Other community, social and personal services",
    ),
]

#: Seeded codes whose check digit in the official list departs from the rule applied
#: to their parent's digit (see procurement.cpv): checked as they are, never computed.
OFFICIAL_EXCEPTIONS: frozenset[str] = frozenset(
    {"03300000-2", "09100000-0", "09200000-1", "09300000-2", "51000000-9"}
)
