"""The words of the knowledge hub's demo content, as plain data (knowledge/demo.py loads it).

Partnerships, organisations and figures are invented for the demo: place names and ecosystems
are real, but no number here describes a real organisation. Text fields hold plain text: a
string is one or more paragraphs (separated by a blank line), a list is a bulleted list.
"""

import datetime

CASE_STUDY_INDEX = {
    "slug": "case-studies",
    "title": "Case studies",
    "intro": "What landscape partnerships did, where, and what came of it: told by the people "
    "who did it, with the building blocks others can reuse.",
    "fr": {
        "title": "Études de cas",
        "intro": "Ce que les partenariats paysagers ont fait, où, et avec quels résultats : "
        "raconté par celles et ceux qui l'ont fait, avec les briques que d'autres peuvent "
        "réutiliser.",
    },
}

CURRICULUM_INDEX = {
    "slug": "curricula",
    "title": "Curricula",
    "intro": "Training material that institutes and facilitators can reuse: modules with timed "
    "sessions, handouts and case studies as examples.",
    "fr": {
        "title": "Programmes de formation",
        "intro": "Des supports de formation que les instituts et les facilitateurs peuvent "
        "réutiliser : des modules avec des séances minutées, des fiches et des études de cas "
        "en exemple.",
    },
}

# Hero images are drawn by demo.py from these palettes (sky top, sky horizon, sun, hills from
# far to near, water in the foreground, tree crowns on the middle hills).
PALETTES = {
    "highland": {
        "sky": ("#7fb2d9", "#e8f1ec"),
        "sun": "#fff4c7",
        "hills": ["#9cb9a0", "#6f9a6c", "#4c7a49", "#2f5a32"],
        "water": None,
        "trees": "#3b6a38",
    },
    "rainforest": {
        "sky": ("#8fc3d6", "#eef5e4"),
        "sun": "#fffbe0",
        "hills": ["#86b08a", "#4f8a55", "#2f6b3a", "#1d4f2a"],
        "water": None,
        "trees": "#245a2e",
    },
    "paramo": {
        "sky": ("#6f93b8", "#dfe6ea"),
        "sun": "#f6f2dc",
        "hills": ["#a7ae9a", "#8a9a6e", "#6e8550", "#566b3d"],
        "water": "#8fb4c9",
        "trees": None,
    },
    "dryland": {
        "sky": ("#8cbad6", "#f6ead2"),
        "sun": "#fff1c2",
        "hills": ["#d9c29a", "#c9a874", "#b48d58", "#8f6d3f"],
        "water": None,
        "trees": "#6b7a3e",
    },
    "coast": {
        "sky": ("#6fb0d8", "#f3efe0"),
        "sun": "#fff6d0",
        "hills": ["#8db59a", "#5e9870", "#3d7a50"],
        "water": "#4f93b5",
        "trees": "#2f6446",
    },
    "peat": {
        "sky": ("#9ab3c4", "#e9e6da"),
        "sun": "#f4efd8",
        "hills": ["#a3a88c", "#8a8e66", "#6f7049", "#535636"],
        "water": "#7f9eb0",
        "trees": None,
    },
    "moor": {
        "sky": ("#8ea6bf", "#e6e4e0"),
        "sun": "#f2eedd",
        "hills": ["#a59ab0", "#8f7f95", "#6d7a55", "#4d5e3a"],
        "water": "#7d9cb3",
        "trees": None,
    },
}

# The case-study resource document (a small PDF made by demo.py).
CHECKLIST = {
    "title": "Spring protection checklist (Kijabe)",
    "filename": "spring-protection-checklist.pdf",
    "lines": [
        "A one-page checklist used by the Kijabe spring committees.",
        "",
        "1. Fence the eye of the spring with live hedges, leaving access for maintenance.",
        "2. Agree who draws water where: a trough for livestock at least 30 m downstream.",
        "3. Plant indigenous trees within 30 m; no eucalyptus near the spring.",
        "4. Record the flow on the first Monday of each month (bucket and stopwatch).",
        "5. Report the record to the water-user forum every quarter.",
        "6. Inspect the catchment ditches after every heavy rain.",
    ],
}

CASE_STUDIES = [
    # --- Africa ------------------------------------------------------------------------------
    {
        "slug": "kijabe-springs-restoration",
        "title": "Kijabe springs: farmers and foresters restoring a water tower",
        "summary": "Tea and dairy farmers, the county water office and forest neighbours "
        "replanted the degraded edge of Kijabe forest and protected the springs that feed "
        "three towns, paying for the work partly through a small levy on piped water.",
        "owner": "grace",
        "kind": "full",
        "original_language": "en",
        "published_on": datetime.date(2024, 3, 12),
        "partnerships": ["kijabe-forest"],
        "countries": ["KE"],
        "region": "sub-saharan-africa",
        "latitude": -0.93,
        "longitude": 36.58,
        "boundary": (36.58, -0.95, 0.06),
        "scale": "local",
        "area_type": "rural",
        "themes": ["restoration", "water-security", "agroforestry", "governance"],
        "ecosystems": ["T1.3", "F1.1", "T7.1"],
        "land_uses": ["forestry", "cropland", "grazing"],
        "sdgs": [6, 13, 15, 17],
        "ilm_elements": ["partnership", "vision-planning", "taking-action"],
        "benefits": ["human-well-being", "healthy-nature", "regenerative-economy"],
        "zones": ["natural-habitats", "regenerative-production"],
        "challenges": [
            "Springs drying up in the dry season",
            "Encroachment on the forest edge for grazing and firewood",
            "No forum where upstream and downstream water users met",
        ],
        "beneficiaries": "About 2,000 farming households on the forest edge and the residents "
        "of three small towns that draw piped water from the springs.",
        "problem": "The montane forest above Kijabe holds the springs that supply the villages "
        "and towns below it. Over two decades its lower edge was cleared for grazing and "
        "firewood, and several springs stopped flowing between January and March.\n\n"
        "Each group blamed another: town residents blamed the farmers, farmers blamed the "
        "tea estates, and the forest service had no budget to patrol the boundary.",
        "process": "In 2019 the county water office invited farmer groups, the community "
        "forest association, tea growers and the town water company to walk the catchment "
        "together. The walk ended with a list of eleven springs and who depended on each.\n\n"
        "The group became the Kijabe Forest Landscape Partnership. It agreed a five-year "
        "plan: protect the springs first, replant the forest edge with indigenous trees, and "
        "help farmers grow fodder and fruit trees on their own land so that they no longer "
        "needed the forest for grazing.",
        "building_blocks": [
            {
                "title": "A water-user forum with a seat for every village",
                "description": "Every village that draws water from a spring sends two "
                "people, one of them a woman, to a forum that meets every quarter. The "
                "forum decides where the levy is spent.",
                "enabling_factors": [
                    "The county water office chairs but does not vote",
                    "Meetings rotate between villages",
                ],
                "lessons_learned": "Publishing the forum's decisions on the church and "
                "school notice boards did more for trust than any workshop.",
            },
            {
                "title": "Tree nurseries run by farmer groups",
                "description": "Six farmer groups raise indigenous seedlings for the forest "
                "edge and fruit and fodder trees for their own farms. The partnership buys "
                "the forest seedlings at an agreed price.",
                "enabling_factors": [
                    "A guaranteed buyer for the first three seasons",
                    "Seed collected from the forest with the forest service",
                ],
                "lessons_learned": "Groups that also sold avocado seedlings kept going after "
                "the guaranteed purchases ended.",
            },
            {
                "title": "A small levy on piped water for spring protection",
                "description": "The town water company adds a small amount to each monthly "
                "bill. The money pays spring fencing, seedlings and two community rangers.",
                "enabling_factors": [
                    "Customers could see the springs their water came from",
                    "The levy was voted by the forum, not imposed",
                ],
                "lessons_learned": "Report spending every quarter, in shillings, on one page.",
            },
        ],
        "outcomes": "By 2023 nine of the eleven springs flowed all year, the forest edge had "
        "been replanted over about 310 hectares, and grazing inside the forest had fallen "
        "sharply as farmers switched to cut-and-carry fodder.",
        "impact_indicators": [
            {
                "indicator": "Springs flowing through the dry season",
                "baseline": 4,
                "value": 9,
                "unit": "springs",
                "year": 2023,
                "source": "Partnership monitoring records",
            },
            {
                "indicator": "Forest edge replanted with indigenous trees",
                "baseline": 0,
                "value": 310,
                "unit": "ha",
                "year": 2023,
                "source": "Forest service and partnership field mapping",
            },
            {
                "indicator": "Households with fodder or fruit trees on farm",
                "baseline": 22,
                "value": 48,
                "unit": "%",
                "year": 2023,
                "source": "Household survey (sample of 300)",
            },
        ],
        "finance": [
            {
                "source": "County government water budget",
                "amount": 4500000,
                "currency": "KES",
                "note": "Over five years",
            },
            {
                "source": "Levy on piped water",
                "amount": 1200000,
                "currency": "KES",
                "note": "Per year",
            },
            {
                "source": "Regional restoration small-grants fund",
                "amount": 35000,
                "currency": "USD",
                "note": "Nurseries and fencing",
            },
        ],
        "actors": [
            {
                "name": "Kijabe Forest Landscape Partnership",
                "kind": "organisation",
                "role": "Convenes the forum and holds the plan",
                "url": "https://example.org/kijabe",
            },
            {
                "name": "County water and forestry offices",
                "kind": "organisation",
                "role": "Chair the forum; technical advice",
            },
            {
                "name": "Community forest association",
                "kind": "organisation",
                "role": "Patrols and replants the forest edge",
            },
            {"name": "Grace Wanjiru", "kind": "person", "role": "Field officer, nurseries"},
        ],
        "lessons_learned": [
            "Start with the thing everyone depends on (here, the springs), not with the forest.",
            "A small, visible, local source of money keeps a forum alive between grants.",
            "Give farmers an alternative to the forest before asking them to leave it.",
        ],
        "links": [{"title": "Kijabe partnership website", "url": "https://example.org/kijabe"}],
        "document": True,
        "licence": "CC-BY-4.0",
        "palette": "highland",
    },
    {
        "slug": "gumara-highlands-restoration",
        "title": "Gumara highlands: reviving terraces and grazing land together",
        "summary": "In the Ethiopian highlands above Lake Tana, villages closed eroded "
        "hillsides to free grazing, rebuilt terraces with public works and switched to "
        "cut-and-carry fodder, bringing back dry-season flow in the streams.",
        "owner": None,
        "kind": "full",
        "original_language": "en",
        "published_on": datetime.date(2018, 6, 20),
        "partnerships": [],
        "countries": ["ET"],
        "region": "sub-saharan-africa",
        "latitude": 11.83,
        "longitude": 37.98,
        "boundary": (37.98, 11.83, 0.1),
        "scale": "subnational",
        "area_type": "rural",
        "themes": ["restoration", "sustainable-agriculture", "livelihoods", "climate-adaptation"],
        "ecosystems": ["T7.1", "T7.5", "F1.4"],
        "land_uses": ["cropland", "grazing"],
        "sdgs": [1, 2, 13, 15],
        "ilm_elements": ["shared-understanding", "taking-action"],
        "benefits": ["human-well-being", "healthy-nature"],
        "zones": ["regenerative-production", "natural-habitats"],
        "challenges": [
            "Gully erosion on steep cropland",
            "Open grazing on communal hillsides",
            "Streams that dried up soon after the rains",
        ],
        "beneficiaries": "Farming households in eight kebeles of the upper Gumara watershed, "
        "and water users downstream on the plain.",
        "problem": "Decades of ploughing steep slopes and free grazing on communal hillsides "
        "left the upper Gumara catchment with deep gullies and thin soils. Streams that once "
        "ran until March dried up in November.\n\n"
        "Earlier soil and water conservation campaigns had built terraces quickly, but many "
        "were broken within two seasons because nobody agreed who would maintain them or "
        "where livestock could go.",
        "process": "The fictional Gumara Upper Watershed Platform brought together kebele "
        "administrations, elders, women's associations and the district agriculture office. "
        "Each kebele mapped its own hillsides, gullies and grazing areas on a large sheet "
        "during community meetings.\n\n"
        "Villages then chose which hillsides to close to free grazing, under by-laws they "
        "wrote themselves, and scheduled terracing and gully works in the dry season through "
        "the public works programme.",
        "building_blocks": [
            {
                "title": "Kebele watershed committees",
                "description": "Each kebele elects a committee that keeps the map, enforces "
                "the grazing by-laws and reports to the platform.",
                "enabling_factors": ["Support of elders and religious leaders"],
                "lessons_learned": "Committees with at least three women were better at "
                "resolving disputes over cut grass.",
            },
            {
                "title": "Area closures agreed with herders",
                "description": "Degraded hillsides are closed to free grazing; households "
                "may cut grass there at agreed times and carry it home.",
                "enabling_factors": ["A fair rota for cutting grass", "Fines set by the community"],
                "lessons_learned": "Closures failed where landless young people had no share "
                "of the grass; giving them a share fixed it.",
            },
            {
                "title": "Cut-and-carry fodder and improved forage",
                "description": "Farmers plant forage grasses on terrace bunds and feed "
                "livestock in stalls for part of the year.",
                "lessons_learned": "Start with the households that own oxen: others follow.",
            },
        ],
        "outcomes": "Within four years about 1,150 hectares of hillside had regrown grass and "
        "shrubs, terraces were kept up by the committees, and two streams flowed again into "
        "the dry season.",
        "impact_indicators": [
            {
                "indicator": "Hillside under community area closure",
                "baseline": 0,
                "value": 1150,
                "unit": "ha",
                "year": 2017,
                "source": "Platform mapping",
            },
            {
                "indicator": "Households using cut-and-carry fodder",
                "baseline": 120,
                "value": 1430,
                "unit": "households",
                "year": 2017,
                "source": "District agriculture office survey",
            },
        ],
        "finance": [
            {
                "source": "Public works programme (labour)",
                "amount": 2600000,
                "currency": "ETB",
                "note": "Dry-season works, three years",
            },
            {
                "source": "NGO grant for forage seed and tools",
                "amount": 60000,
                "currency": "USD",
            },
        ],
        "actors": [
            {
                "name": "Gumara Upper Watershed Platform",
                "kind": "organisation",
                "role": "Convening and planning",
            },
            {
                "name": "Kebele administrations",
                "kind": "organisation",
                "role": "By-laws and enforcement",
            },
            {
                "name": "District agriculture office",
                "kind": "organisation",
                "role": "Technical design of terraces",
            },
        ],
        "lessons_learned": [
            "Maps drawn by the community were respected; maps brought from outside were not.",
            "Closures need a fair way to share what grows inside them.",
        ],
        "links": [
            {
                "title": "Community watershed mapping guide",
                "url": "https://example.org/gumara/mapping",
            }
        ],
        "licence": "CC-BY-4.0",
        "palette": "highland",
    },
    {
        "slug": "western-ghana-cocoa-landscape",
        "title": "Western Ghana cocoa landscape: shade trees and traceable farms",
        "summary": "Chiefs, district assemblies, cocoa cooperatives and buyers agreed a "
        "landscape plan to stop forest loss, register shade trees to the farmers who plant "
        "them and map farms so that cocoa can be traced to deforestation-free land.",
        "owner": None,
        "kind": "full",
        "original_language": "en",
        "published_on": datetime.date(2021, 9, 15),
        "partnerships": [],
        "countries": ["GH"],
        "region": "sub-saharan-africa",
        "latitude": 6.33,
        "longitude": -2.83,
        "boundary": (-2.83, 6.33, 0.12),
        "scale": "subnational",
        "area_type": "rural",
        "themes": ["agroforestry", "value-chains", "livelihoods", "biodiversity"],
        "ecosystems": ["T1.1", "T7.3"],
        "land_uses": ["cropland", "forestry", "protected-area"],
        "sdgs": [1, 8, 12, 15],
        "ilm_elements": ["partnership", "vision-planning", "taking-action"],
        "benefits": ["regenerative-economy", "healthy-nature", "human-well-being"],
        "zones": ["regenerative-production", "natural-habitats"],
        "challenges": [
            "Cocoa farms expanding into forest reserves",
            "Farmers removing shade trees they could not legally own",
            "Ageing, low-yielding cocoa trees",
        ],
        "beneficiaries": "Cocoa farming families, many of them tenants, in two districts "
        "bordering forest reserves.",
        "problem": "Full-sun cocoa gave high yields for a decade, then declined. Farmers "
        "cleared new land at the edge of the forest reserves, while the trees that once "
        "shaded their farms were felled: under the law at the time, a tree that grew on a "
        "farm could be sold by someone else.",
        "process": "A fictional Sefwi–Juaboso Cocoa Landscape Partnership was formed by "
        "traditional councils, the two district assemblies, four cooperatives and the buyers "
        "who purchase their cocoa. Over a year it drew up a landscape plan that zoned "
        "forest, cocoa agroforestry and food crops, and set out what each member would do.\n\n"
        "Buyers agreed to fund farm mapping and shade-tree registration in exchange for "
        "traceable cocoa; the districts committed to enforce the forest boundary.",
        "building_blocks": [
            {
                "title": "A landscape plan agreed by chiefs, districts and buyers",
                "description": "One map and one action plan for the whole landscape, signed by "
                "every member and reviewed every year in a public meeting.",
                "enabling_factors": ["Buyers' own commitments on deforestation-free supply"],
                "lessons_learned": "Traditional councils must be in the room from the first "
                "meeting: they allocate the land.",
            },
            {
                "title": "Shade trees registered to the farmer",
                "description": "Farmers register the trees they plant or nurture, so that no "
                "one else can sell them. Registration is free and done at the cooperative.",
                "enabling_factors": ["A simple paper form, later digitised"],
                "lessons_learned": "Once trees had an owner, farmers asked for more seedlings.",
            },
            {
                "title": "Farm mapping for traceability",
                "description": "Cooperative staff walk each farm boundary with a phone and "
                "record it; the maps are checked against the forest reserve boundary.",
                "lessons_learned": "Share the map with the farmer: it became proof of tenure "
                "in disputes.",
            },
        ],
        "outcomes": "In three years, around 9,000 farms were mapped, some 160,000 shade trees "
        "were registered, and no new clearing was detected inside the two reserves.",
        "impact_indicators": [
            {
                "indicator": "Farms mapped and checked against reserve boundaries",
                "baseline": 0,
                "value": 9000,
                "unit": "farms",
                "year": 2021,
                "source": "Cooperative records",
            },
            {
                "indicator": "Shade trees registered to farmers",
                "baseline": 0,
                "value": 160000,
                "unit": "trees",
                "year": 2021,
                "source": "Partnership registry",
            },
            {
                "indicator": "Average shade trees per hectare of cocoa",
                "baseline": 6,
                "value": 18,
                "unit": "trees/ha",
                "year": 2021,
                "source": "Sample plots",
            },
        ],
        "finance": [
            {"source": "Cocoa buyers' sustainability funds", "amount": 850000, "currency": "USD"},
            {"source": "District assemblies (staff time)", "amount": 400000, "currency": "GHS"},
        ],
        "actors": [
            {
                "name": "Sefwi–Juaboso Cocoa Landscape Partnership",
                "kind": "organisation",
                "role": "Holds the landscape plan",
            },
            {
                "name": "Traditional councils",
                "kind": "organisation",
                "role": "Land allocation and dispute resolution",
            },
            {
                "name": "Cocoa cooperatives",
                "kind": "organisation",
                "role": "Farm mapping and tree registration",
            },
            {"name": "District assemblies", "kind": "organisation", "role": "Enforcement"},
        ],
        "lessons_learned": [
            "Tree tenure is the lever: farmers keep trees they own.",
            "Traceability paid for by buyers can finance landscape work beyond the farm.",
        ],
        "links": [
            {
                "title": "Landscape plan summary (example)",
                "url": "https://example.org/juaboso/plan",
            }
        ],
        "licence": "CC-BY-4.0",
        "palette": "rainforest",
    },
    {
        "slug": "souss-argan-woodland",
        "title": "The Souss argan woodland: cooperatives and herders sharing the trees",
        "summary": "In the argan woodland south of Agadir, women's cooperatives, herders and "
        "the forest service revived a seasonal grazing calendar and replanted young argan "
        "trees, so that oil income and grazing stop competing for the same trees.",
        "owner": None,
        "kind": "full",
        "original_language": "fr",
        "published_on": datetime.date(2019, 3, 20),
        "partnerships": [],
        "countries": ["MA"],
        "region": "middle-east-north-africa",
        "latitude": 30.07,
        "longitude": -9.15,
        "boundary": None,
        "area_ha": 18500,
        "scale": "subnational",
        "area_type": "rural",
        "themes": ["livelihoods", "value-chains", "restoration", "governance"],
        "ecosystems": ["T5.2", "T7.5"],
        "land_uses": ["grazing", "forestry", "cropland"],
        "sdgs": [1, 5, 8, 15],
        "ilm_elements": ["partnership", "shared-understanding", "taking-action"],
        "benefits": ["regenerative-economy", "human-well-being", "healthy-nature"],
        "zones": ["natural-habitats", "regenerative-production"],
        "challenges": [
            "Goats browsing young argan trees, so the woodland does not regenerate",
            "Disputes between oil cooperatives and herders over the fruit season",
            "Drought years becoming more frequent",
        ],
        "beneficiaries": "Members of eleven women's cooperatives and about 600 herding "
        "families with rights of use in the woodland.",
        "problem": "Argan oil brought new income to the villages, but the woodland it comes "
        "from was not renewing: almost every young tree was browsed by goats, and old trees "
        "were dying in the droughts.\n\n"
        "Herders and cooperatives claimed the same trees at the same time of year, and the "
        "customary rules that used to close parts of the woodland in season had lapsed.",
        "process": "The forest service, the rural communes and the cooperatives' union "
        "organised a series of village meetings led by elders. Together they revived the "
        "agdal: a seasonal closure during which no animals enter a plot until the fruit has "
        "fallen and been gathered.\n\n"
        "Each closed plot is also used to plant and protect young trees for three years.",
        "building_blocks": [
            {
                "title": "A grazing calendar agreed by herders and cooperatives",
                "description": "The woodland is divided into plots that are closed in turn, "
                "following the customary agdal, with dates set each year by the village "
                "assembly.",
                "enabling_factors": ["Elders who remembered the old rules"],
                "lessons_learned": "Write the calendar down and post it in the mosque and the "
                "cooperative: memory alone did not hold.",
            },
            {
                "title": "Cooperatives that pay a share to the village",
                "description": "Each cooperative pays a share of its oil income into a "
                "village fund that compensates herders for the closed months.",
                "lessons_learned": "Compensation turned herders from opponents into guardians.",
            },
            {
                "title": "Planting and protecting young argan trees",
                "description": "Seedlings raised in a cooperative nursery are planted in the "
                "closed plots with a half-moon basin to catch runoff.",
                "lessons_learned": "Survival was far higher where the plot stayed closed for "
                "three full years.",
            },
        ],
        "outcomes": "About 1,200 hectares are now managed under the revived calendar, "
        "young trees survive in the closed plots, and there have been no disputes at fruit "
        "season since the second year.",
        "impact_indicators": [
            {
                "indicator": "Woodland under the seasonal grazing calendar",
                "baseline": 0,
                "value": 1200,
                "unit": "ha",
                "year": 2018,
                "source": "Forest service",
            },
            {
                "indicator": "Survival of planted argan seedlings after three years",
                "baseline": 15,
                "value": 62,
                "unit": "%",
                "year": 2018,
                "source": "Cooperative nursery records",
            },
        ],
        "finance": [
            {"source": "Cooperatives' village fund", "amount": 45000, "currency": "EUR"},
            {
                "source": "Forest service programme",
                "amount": 120000,
                "currency": "EUR",
                "note": "Nursery and planting",
            },
        ],
        "actors": [
            {
                "name": "Union of argan cooperatives",
                "kind": "organisation",
                "role": "Oil marketing; village fund",
            },
            {
                "name": "Village assemblies (jmâa)",
                "kind": "organisation",
                "role": "Set the grazing calendar",
            },
            {
                "name": "Regional forest service",
                "kind": "organisation",
                "role": "Seedlings and technical support",
            },
        ],
        "lessons_learned": [
            "Customary rules can be revived when the people who remember them lead.",
            "Share the income of a product with those who give up something to produce it.",
        ],
        "links": [{"title": "Agdal calendar (example)", "url": "https://example.org/souss/agdal"}],
        "licence": "CC-BY-SA-4.0",
        "palette": "dryland",
    },
    {
        "slug": "ferlo-pastoral-planning",
        "title": "Ferlo: planning livestock routes, water points and the Green Wall together",
        "summary": "Herders, communes and technical services in Senegal's Ferlo drew one map "
        "of livestock routes, water points and Great Green Wall plots, and wrote local "
        "conventions that all of them now apply.",
        "owner": "amina",
        "kind": "full",
        "original_language": "fr",
        "published_on": datetime.date(2023, 11, 7),
        "partnerships": ["ferlo"],
        "countries": ["SN"],
        "region": "sub-saharan-africa",
        "latitude": 15.3,
        "longitude": -14.9,
        "boundary": (-14.9, 15.3, 0.25),
        "scale": "subnational",
        "area_type": "rural",
        "themes": ["governance", "climate-adaptation", "restoration", "livelihoods"],
        "ecosystems": ["T4.1", "T5.1", "F2.5"],
        "land_uses": ["grazing", "protected-area", "settlements"],
        "sdgs": [1, 2, 13, 15, 16],
        "ilm_elements": ["shared-understanding", "vision-planning"],
        "benefits": ["human-well-being", "healthy-nature", "inspiration"],
        "zones": ["natural-habitats", "regenerative-production", "settlements-infrastructure"],
        "challenges": [
            "Conflicts between herders and farmers along livestock routes",
            "Boreholes overused in the dry season",
            "Green Wall plots fenced across traditional routes",
        ],
        "beneficiaries": "Pastoral families of six communes, the women's groups that manage "
        "the Green Wall gardens, and the farmers along the routes.",
        "problem": "In the Ferlo, cattle move between the rainy-season ponds and the boreholes "
        "of the dry season. New fields, fenced plantations and Green Wall plots had closed "
        "several routes, and conflicts with farmers were rising.\n\n"
        "Each service planned on its own map: the livestock service had its routes, the "
        "water service its boreholes, the forest service its plots.",
        "process": "The Partenariat paysager du Ferlo brought them together. During a dry "
        "season, herders walked the routes with commune staff and recorded them; the maps "
        "were discussed in each village before being merged.\n\n"
        "From the merged map the communes wrote local conventions: route widths, grazing "
        "reserves, rules for each borehole, and where new Green Wall plots may go.",
        "building_blocks": [
            {
                "title": "A map of livestock routes drawn with herders",
                "description": "Herders guide the mapping teams along the routes they use, "
                "including the resting and watering places.",
                "enabling_factors": ["A dry-season calendar that suited herders"],
                "lessons_learned": "Paper maps shown in each village caught errors that the "
                "digital map missed.",
            },
            {
                "title": "Local conventions for water points",
                "description": "Each borehole committee sets watering turns and fees, "
                "approved by the commune council so they are legally binding.",
                "lessons_learned": "Include herders from outside the commune, or the rules "
                "will be ignored in transhumance.",
            },
            {
                "title": "Green Wall plots managed by women's groups",
                "description": "Plots of the Great Green Wall are placed away from routes and "
                "include market gardens managed by women's groups.",
                "lessons_learned": "Plots with a garden and a water point were looked after; "
                "plots with trees alone were not.",
            },
        ],
        "outcomes": "About 420 kilometres of routes were marked and recognised by six "
        "communes, the number of conflicts reported to the communes fell by more than half, "
        "and new plots are sited with the herders.",
        "impact_indicators": [
            {
                "indicator": "Livestock routes marked and recognised by communes",
                "baseline": 0,
                "value": 420,
                "unit": "km",
                "year": 2023,
                "source": "Communes' registers",
            },
            {
                "indicator": "Conflicts reported to the communes",
                "baseline": 57,
                "value": 24,
                "unit": "cases per year",
                "year": 2023,
                "source": "Communes' registers",
            },
        ],
        "finance": [
            {
                "source": "Communes' own budgets",
                "amount": 18000000,
                "currency": "XOF",
                "note": "Marking of routes",
            },
            {
                "source": "Adaptation fund grant through the partnership",
                "amount": 90000,
                "currency": "USD",
            },
        ],
        "actors": [
            {
                "name": "Partenariat paysager du Ferlo",
                "kind": "organisation",
                "role": "Convening and mapping",
                "url": "https://example.org/ferlo",
            },
            {
                "name": "Six rural communes",
                "kind": "organisation",
                "role": "Local conventions",
            },
            {
                "name": "Livestock, water and forest services",
                "kind": "organisation",
                "role": "Technical support",
            },
            {"name": "Amina Diallo", "kind": "person", "role": "Partnership coordinator"},
        ],
        "lessons_learned": [
            "One map that everyone drew is worth more than three precise ones.",
            "Local conventions hold when the commune council adopts them.",
        ],
        "links": [{"title": "Ferlo partnership website", "url": "https://example.org/ferlo"}],
        "licence": "CC-BY-4.0",
        "palette": "dryland",
    },
    # --- Latin America -----------------------------------------------------------------------
    {
        "slug": "paramo-binational-water-fund",
        "title": "A binational water fund for the páramo of Piura and Loja",
        "summary": "Water boards and towns on both sides of the Peru–Ecuador border pay into a "
        "fund that finances conservation agreements with the highland communities who "
        "protect the páramo wetlands that store their water.",
        "owner": "carlos",
        "kind": "full",
        "original_language": "es",
        "published_on": datetime.date(2022, 5, 10),
        "partnerships": ["andean-paramo-water"],
        "countries": ["PE", "EC"],
        "region": "latin-america-caribbean",
        "latitude": -4.9,
        "longitude": -79.2,
        "boundary": (-79.2, -4.9, 0.15),
        "scale": "transboundary",
        "area_type": "rural",
        "themes": ["water-security", "finance", "governance", "biodiversity"],
        "ecosystems": ["T6.5", "TF1.6", "F1.1"],
        "land_uses": ["grazing", "protected-area", "cropland"],
        "sdgs": [6, 13, 15, 17],
        "ilm_elements": ["partnership", "taking-action", "learning-impact"],
        "benefits": ["healthy-nature", "human-well-being", "regenerative-economy"],
        "zones": ["natural-habitats", "settlements-infrastructure"],
        "challenges": [
            "Burning and overgrazing of the páramo grasslands",
            "Potato fields climbing into the wetlands",
            "Cities downstream short of water in the dry season",
        ],
        "beneficiaries": "Highland communities on both sides of the border and about 150,000 "
        "water users in the towns downstream.",
        "problem": "The páramo grasslands and peat bogs above the towns hold water like a "
        "sponge and release it through the dry season. Burning for pasture and new potato "
        "fields were drying them out, and the towns' water boards saw it in their intakes.\n\n"
        "The communities that own the páramo gained nothing from protecting it, and the "
        "border divided the catchment between two countries' rules.",
        "process": "Water boards from both countries, municipalities and community "
        "representatives set up a water fund with a board where each contributor and the "
        "communities hold seats. The Andean Páramo Water Partnership acts as its secretariat.\n\n"
        "The fund signs five-year conservation agreements: a community sets aside wetlands "
        "and stops burning, and the fund pays for improved pastures lower down, alpaca "
        "health or small irrigation, chosen by the community.",
        "building_blocks": [
            {
                "title": "A water fund governed by its contributors",
                "description": "Each water board contributes a share of its tariff; the "
                "board decides on agreements by consensus, with community seats.",
                "enabling_factors": ["A legal framework allowing tariffs to fund conservation"],
                "lessons_learned": "A binational board needs two sets of accounts and patience.",
            },
            {
                "title": "Conservation agreements with communities",
                "description": "A community chooses what it receives in return for setting "
                "aside wetlands: the agreement is read aloud and signed in the assembly.",
                "lessons_learned": "Benefits chosen by the community were kept; benefits "
                "offered from outside were not.",
            },
            {
                "title": "Community hydrological monitoring",
                "description": "Young people from the communities read rain gauges and weirs "
                "in paired micro-catchments, one conserved and one not.",
                "enabling_factors": ["A university partner to check the data"],
                "lessons_learned": "Seeing the difference in their own data convinced both "
                "communities and water boards.",
            },
        ],
        "outcomes": "Seventeen communities signed agreements covering about 6,800 hectares of "
        "páramo. Burning in the agreement areas has almost stopped, and the monitored "
        "conserved catchments keep flowing longer into the dry season.",
        "impact_indicators": [
            {
                "indicator": "Páramo under conservation agreements",
                "baseline": 0,
                "value": 6800,
                "unit": "ha",
                "year": 2022,
                "source": "Water fund records",
            },
            {
                "indicator": "Communities with signed agreements",
                "baseline": 0,
                "value": 17,
                "unit": "communities",
                "year": 2022,
                "source": "Water fund records",
            },
            {
                "indicator": "Dry-season base flow, conserved vs. degraded micro-catchment",
                "baseline": 1.0,
                "value": 1.6,
                "unit": "ratio",
                "year": 2022,
                "source": "Community monitoring, checked by the university partner",
            },
        ],
        "finance": [
            {
                "source": "Water boards' tariff contributions",
                "amount": 1100000,
                "currency": "PEN",
                "note": "Per year, both countries (converted)",
            },
            {"source": "Municipal contributions", "amount": 150000, "currency": "USD"},
        ],
        "actors": [
            {
                "name": "Andean Páramo Water Partnership",
                "kind": "organisation",
                "role": "Secretariat of the fund",
                "url": "https://example.org/paramo",
            },
            {
                "name": "Water boards of the downstream towns",
                "kind": "organisation",
                "role": "Contributors; board members",
            },
            {
                "name": "Highland communities",
                "kind": "organisation",
                "role": "Páramo owners; agreement partners",
            },
            {"name": "Carlos Mendoza", "kind": "person", "role": "Hydrologist"},
        ],
        "lessons_learned": [
            "Water users pay when they can see, in their own data, what the páramo does.",
            "Let communities choose the benefits they receive.",
            "Monitoring by the communities builds trust faster than reports from consultants.",
        ],
        "links": [{"title": "Páramo partnership website", "url": "https://example.org/paramo"}],
        "licence": "CC-BY-4.0",
        "palette": "paramo",
    },
    {
        "slug": "upper-paraiba-restoration-pact",
        "title": "Restoring the Atlantic Forest of the upper Paraíba do Sul: a regional pact",
        "summary": "Municipalities, dairy farmers, seed collectors and a water utility in São "
        "Paulo state joined a pact to restore riverside forest on degraded pastures, with "
        "shared maps, local seed networks and payments for water services.",
        "owner": None,
        "kind": "full",
        "original_language": "pt",
        "published_on": datetime.date(2019, 8, 5),
        "partnerships": [],
        "countries": ["BR"],
        "region": "latin-america-caribbean",
        "latitude": -23.22,
        "longitude": -45.31,
        "boundary": (-45.31, -23.22, 0.15),
        "scale": "subnational",
        "area_type": "rural",
        "themes": ["restoration", "water-security", "finance", "livelihoods"],
        "ecosystems": ["T1.3", "T7.2", "F1.1"],
        "land_uses": ["grazing", "forestry", "cropland"],
        "sdgs": [6, 8, 13, 15],
        "ilm_elements": ["partnership", "shared-understanding", "taking-action"],
        "benefits": ["healthy-nature", "regenerative-economy", "human-well-being"],
        "zones": ["natural-habitats", "regenerative-production"],
        "challenges": [
            "Steep, degraded pastures with landslides",
            "Riverside vegetation cleared below the legal minimum",
            "Seasonal water shortages in the towns",
        ],
        "beneficiaries": "Family dairy farmers, seed collectors and nursery workers, and the "
        "residents of the towns supplied from the upper river.",
        "problem": "Coffee, then extensive dairy farming, stripped the hills of the upper "
        "Paraíba do Sul of their Atlantic Forest. Many pastures are now unproductive and "
        "erode into the rivers; after a dry year the towns rationed water.\n\n"
        "Farmers were required by law to restore riverside strips but lacked seedlings, "
        "advice and money, and each restoration project worked alone.",
        "process": "A fictional Pacto das Águas do Alto Paraíba was signed by five "
        "municipalities, the regional water utility, two farmers' associations and local "
        "NGOs. Its first task was a shared map of priority areas for restoration.\n\n"
        "The pact then organised seed collection in the remaining forest, supported local "
        "nurseries and set up a municipal scheme that pays farmers per hectare restored "
        "and maintained.",
        "building_blocks": [
            {
                "title": "A shared restoration map",
                "description": "One map of springs, riverside strips and steep pastures that "
                "every member uses to target its own projects.",
                "lessons_learned": "The map avoided three projects planting the same farm.",
            },
            {
                "title": "Seed networks and local nurseries",
                "description": "Collectors, mostly women, gather native seed in forest "
                "fragments and sell it to nurseries and for direct seeding.",
                "enabling_factors": ["Training in seed identification and storage"],
                "lessons_learned": "Direct seeding cut costs on accessible land.",
            },
            {
                "title": "Payments for water services by municipalities",
                "description": "Farmers who restore and maintain riverside forest receive an "
                "annual payment per hectare for five years.",
                "lessons_learned": "Technical visits mattered as much as the payment.",
            },
            {
                "title": "A simple protocol for monitoring restoration",
                "description": "Every restored area is visited at one, three and five years "
                "with the same short form: cover, height, weeds and fire.",
            },
        ],
        "outcomes": "About 2,300 hectares were under restoration after four years, a seed "
        "network of some 80 collectors was selling to nurseries across the region, and "
        "three municipalities kept the payment scheme in their budgets.",
        "impact_indicators": [
            {
                "indicator": "Area under restoration",
                "baseline": 0,
                "value": 2300,
                "unit": "ha",
                "year": 2019,
                "source": "Pact monitoring protocol",
            },
            {
                "indicator": "Active seed collectors",
                "baseline": 12,
                "value": 80,
                "unit": "people",
                "year": 2019,
                "source": "Seed network register",
            },
        ],
        "finance": [
            {
                "source": "Municipal payments for water services",
                "amount": 2400000,
                "currency": "BRL",
                "note": "Five years",
            },
            {"source": "Water utility contribution", "amount": 900000, "currency": "BRL"},
        ],
        "actors": [
            {
                "name": "Pacto das Águas do Alto Paraíba",
                "kind": "organisation",
                "role": "Coordination and shared map",
            },
            {"name": "Five municipalities", "kind": "organisation", "role": "Payment scheme"},
            {
                "name": "Seed collectors' network",
                "kind": "organisation",
                "role": "Native seed supply",
            },
        ],
        "lessons_learned": [
            "A pact works when each member keeps its own projects but shares one map.",
            "Restoration creates local jobs when seed and seedlings are produced locally.",
        ],
        "links": [
            {"title": "Restoration monitoring protocol", "url": "https://example.org/paraiba"}
        ],
        "licence": "CC-BY-4.0",
        "palette": "rainforest",
    },
    {
        "slug": "peten-community-forestry",
        "title": "Community forest concessions in the Petén: timber, xate palm and fire control",
        "summary": "A community forestry association in northern Guatemala manages a forest "
        "concession for certified timber, xate palm and ramón seed, and runs its own fire "
        "brigades; forest cover in the concession has held while it fell around it.",
        "owner": None,
        "kind": "full",
        "original_language": "es",
        "published_on": datetime.date(2016, 4, 18),
        "partnerships": [],
        "countries": ["GT"],
        "region": "latin-america-caribbean",
        "latitude": 17.38,
        "longitude": -89.63,
        "boundary": None,
        "area_ha": 52000,
        "scale": "local",
        "area_type": "rural",
        "themes": ["governance", "livelihoods", "biodiversity", "value-chains"],
        "ecosystems": ["T1.1", "T1.2"],
        "land_uses": ["forestry", "protected-area"],
        "sdgs": [1, 8, 15, 16],
        "ilm_elements": ["partnership", "taking-action", "learning-impact"],
        "benefits": ["regenerative-economy", "healthy-nature", "inspiration"],
        "zones": ["natural-habitats"],
        "challenges": [
            "Forest fires set to clear land for cattle",
            "Illegal logging and land grabbing",
            "Few jobs in forest villages",
        ],
        "beneficiaries": "About 250 member families of the association and the village where "
        "they live.",
        "problem": "In the multiple-use zone of a large biosphere reserve, forest was being "
        "lost to fires, cattle ranching and land grabbing. Villagers had few legal ways to "
        "earn a living from the forest.",
        "process": "The fictional Asociación Forestal Comunitaria Los Laureles received a "
        "25-year concession from the state, on condition of a management plan and "
        "independent certification.\n\n"
        "The association harvests a small volume of timber each year in rotating blocks, "
        "collects xate palm leaves and ramón seed, and keeps brigades that patrol and fight "
        "fires in the dry season.",
        "building_blocks": [
            {
                "title": "A management plan and independent certification",
                "description": "Timber is harvested by annual blocks with an inventory and a "
                "cap on volume, checked by an independent certifier every year.",
                "lessons_learned": "Certification opened markets that paid for the plan.",
            },
            {
                "title": "Community fire brigades",
                "description": "Members patrol in the dry season, clear firebreaks and "
                "respond to fires within the concession and on its borders.",
                "enabling_factors": ["Radios and a watchtower"],
                "lessons_learned": "Paying brigade members during the fire season was the "
                "best investment the association made.",
            },
            {
                "title": "Non-timber forest products",
                "description": "Women's groups sort and pack xate palm leaves and process "
                "ramón seed into flour for local and export markets.",
                "lessons_learned": "Non-timber products brought women into the association's "
                "decisions.",
            },
        ],
        "outcomes": "Forest cover inside the concession has remained above 98 % while the "
        "surrounding areas lost cover, and forestry provides seasonal work for most member "
        "families.",
        "impact_indicators": [
            {
                "indicator": "Forest cover inside the concession",
                "baseline": 99,
                "value": 98.5,
                "unit": "%",
                "year": 2015,
                "source": "Satellite analysis by a university partner",
            },
            {
                "indicator": "Seasonal jobs in forestry and processing",
                "baseline": 40,
                "value": 190,
                "unit": "jobs",
                "year": 2015,
                "source": "Association records",
            },
        ],
        "finance": [
            {"source": "Certified timber sales", "amount": 600000, "currency": "USD"},
            {"source": "Xate and ramón sales", "amount": 90000, "currency": "USD"},
        ],
        "actors": [
            {
                "name": "Asociación Forestal Comunitaria Los Laureles",
                "kind": "organisation",
                "role": "Concession holder",
            },
            {
                "name": "Protected-areas authority",
                "kind": "organisation",
                "role": "Grants and supervises the concession",
            },
            {
                "name": "Independent certifier",
                "kind": "organisation",
                "role": "Annual audit",
            },
        ],
        "lessons_learned": [
            "Secure, long-term rights give communities a reason to protect the forest.",
            "A diversified forest economy spreads benefits beyond the timber crews.",
        ],
        "links": [{"title": "Association profile (example)", "url": "https://example.org/peten"}],
        "licence": "CC-BY-4.0",
        "palette": "rainforest",
    },
    # --- Asia --------------------------------------------------------------------------------
    {
        "slug": "kahayan-peatland-rewetting",
        "title": "Rewetting peat in Central Kalimantan: canal blocks and paludiculture",
        "summary": "Villages on the Kahayan river block old drainage canals to rewet peat and "
        "prevent fires, and trial crops that grow on wet peat instead of draining it.",
        "owner": None,
        "kind": "snapshot",
        "original_language": "en",
        "published_on": datetime.date(2023, 2, 14),
        "partnerships": [],
        "countries": ["ID"],
        "region": "east-asia-pacific",
        "latitude": -2.75,
        "longitude": 114.2,
        "boundary": (114.2, -2.75, 0.08),
        "scale": "subnational",
        "area_type": "rural",
        "themes": ["restoration", "climate-adaptation", "livelihoods", "sustainable-agriculture"],
        "ecosystems": ["TF1.1", "T7.3"],
        "land_uses": ["cropland", "forestry", "protected-area"],
        "sdgs": [1, 3, 13, 15],
        "ilm_elements": ["taking-action", "learning-impact"],
        "benefits": ["healthy-nature", "human-well-being"],
        "zones": ["natural-habitats", "regenerative-production"],
        "challenges": ["Peat fires and haze", "Drained peat sinking and flooding"],
        "beneficiaries": "Residents of seven villages, who breathe the haze of peat fires.",
        "problem": "Canals dug to drain the peat swamp forest for agriculture left the peat "
        "dry. In drought years it burns underground for weeks, and the haze closes schools.",
        "process": "A fictional Kahayan Peat Landscape Forum of village heads, the district "
        "and local NGOs organised village teams to build canal blocks and monitor water "
        "levels, and started trials of crops that tolerate wet peat, such as sago and "
        "native rubber.",
        "building_blocks": [
            {
                "title": "Village canal-blocking teams",
                "description": "Teams of villagers build and maintain wooden and earth "
                "blocks, and read water levels in dipwells each week.",
                "lessons_learned": "Blocks built by the village were repaired by the village.",
            },
            {
                "title": "Paludiculture trials",
                "description": "Demonstration plots of crops that grow on wet peat, so that "
                "rewetting does not mean losing income.",
                "lessons_learned": "Start with crops that already have a local buyer.",
            },
        ],
        "outcomes": "About 140 canal blocks were built; water tables rose in the blocked "
        "areas and fire hotspots there fell in the following dry season.",
        "impact_indicators": [
            {
                "indicator": "Canal blocks built and maintained",
                "baseline": 0,
                "value": 140,
                "unit": "blocks",
                "year": 2022,
                "source": "Forum records",
            },
            {
                "indicator": "Dry-season water table depth in blocked areas",
                "baseline": 85,
                "value": 40,
                "unit": "cm below surface",
                "year": 2022,
                "source": "Village dipwell readings",
            },
        ],
        "finance": [
            {"source": "Village funds", "amount": 900000000, "currency": "IDR"},
            {"source": "Peat restoration grant", "amount": 120000, "currency": "USD"},
        ],
        "actors": [
            {
                "name": "Kahayan Peat Landscape Forum",
                "kind": "organisation",
                "role": "Coordination",
            },
            {"name": "Village governments", "kind": "organisation", "role": "Canal-block teams"},
        ],
        "lessons_learned": ["Rewetting lasts only if people can earn from wet peat."],
        "links": [{"title": "Canal-block design sheet", "url": "https://example.org/kahayan"}],
        "licence": "CC-BY-4.0",
        "palette": "peat",
    },
    {
        "slug": "koraput-ridge-to-valley",
        "title": "Ridge to valley in Koraput: tribal villages planning their watersheds",
        "summary": "Adivasi villages in southern Odisha drew water budgets for their own "
        "micro-watersheds and treated them from ridge to valley, with women's groups running "
        "nurseries and a public employment scheme paying for the works.",
        "owner": "rahul",
        "kind": "full",
        "original_language": "en",
        "published_on": datetime.date(2020, 1, 27),
        "partnerships": [],
        "countries": ["IN"],
        "region": "south-asia",
        "latitude": 18.81,
        "longitude": 82.71,
        "boundary": (82.71, 18.81, 0.05),
        "scale": "local",
        "area_type": "rural",
        "themes": ["water-security", "sustainable-agriculture", "governance", "livelihoods"],
        "ecosystems": ["T1.2", "F1.4", "T7.1"],
        "land_uses": ["cropland", "forestry"],
        "sdgs": [2, 5, 6, 15],
        "ilm_elements": ["partnership", "shared-understanding", "vision-planning"],
        "benefits": ["human-well-being", "healthy-nature", "regenerative-economy"],
        "zones": ["regenerative-production", "natural-habitats"],
        "challenges": [
            "Monsoon runoff and soil loss on shifting-cultivation slopes",
            "Only one crop a year, then migration for work",
            "Little say for villages in watershed projects",
        ],
        "beneficiaries": "About 1,400 households in twelve villages, most of them small "
        "farmers from Adivasi communities.",
        "problem": "On the Koraput plateau most rain falls in four months and runs off the "
        "slopes. After the monsoon crop, many families migrate for work. Earlier watershed "
        "projects built structures that villages had not chosen and did not maintain.",
        "process": "The fictional Koraput Watershed Collective trained village volunteers to "
        "measure rainfall, runoff and water use. Each village drew a water budget and a "
        "ridge-to-valley plan: trenches and trees on the ridges, field bunds on the slopes, "
        "small check dams in the valleys.\n\n"
        "The village assembly approved each plan, and the works were paid through the "
        "public rural employment scheme.",
        "building_blocks": [
            {
                "title": "Village water budgets",
                "description": "Volunteers estimate the water that falls, runs off and is "
                "used, and present it in the assembly with pebbles on a drawn map.",
                "lessons_learned": "A budget people can see on the ground changes the debate "
                "from 'more dams' to 'less runoff'.",
            },
            {
                "title": "Women's self-help groups run the nurseries",
                "description": "Groups raise fruit and fodder seedlings for the ridge and "
                "sell surplus to the forest department.",
                "lessons_learned": "Nursery income gave women a voice in the assembly.",
            },
            {
                "title": "Public employment scheme pays for the works",
                "description": "Villages include their plan in the scheme's annual works "
                "list, so labour is paid from public funds.",
                "enabling_factors": ["A block office willing to accept village plans"],
                "lessons_learned": "Plans must be ready before the scheme's planning deadline.",
            },
        ],
        "outcomes": "Irrigated winter crops spread to about a third of households, and "
        "seasonal migration fell in the villages with the most complete treatment.",
        "impact_indicators": [
            {
                "indicator": "Households growing a second (winter) crop",
                "baseline": 9,
                "value": 34,
                "unit": "%",
                "year": 2019,
                "source": "Collective household survey",
            },
            {
                "indicator": "Households with a member migrating for work",
                "baseline": 46,
                "value": 31,
                "unit": "%",
                "year": 2019,
                "source": "Collective household survey",
            },
        ],
        "finance": [
            {"source": "Public rural employment scheme", "amount": 21000000, "currency": "INR"},
            {"source": "Foundation grant for training", "amount": 4500000, "currency": "INR"},
        ],
        "actors": [
            {
                "name": "Koraput Watershed Collective",
                "kind": "organisation",
                "role": "Training and facilitation",
            },
            {"name": "Village assemblies", "kind": "organisation", "role": "Approve the plans"},
            {"name": "Rahul Sharma", "kind": "person", "role": "Watershed facilitator"},
        ],
        "lessons_learned": [
            "Villages maintain what they planned.",
            "Public schemes can pay for landscape work if plans match their calendar.",
        ],
        "links": [{"title": "Village water budget guide", "url": "https://example.org/koraput"}],
        "licence": "CC-BY-4.0",
        "palette": "highland",
    },
    {
        "slug": "aklan-mangrove-greenbelt",
        "title": "A mangrove greenbelt in Aklan: fishers replanting the estuary",
        "summary": "Fisherfolk associations and the municipality replant mangroves zone by "
        "zone along an estuary in the Philippines, as a buffer against storm surge and a "
        "nursery for fish.",
        "owner": None,
        "kind": "snapshot",
        "original_language": "en",
        "published_on": datetime.date(2025, 6, 2),
        "partnerships": [],
        "countries": ["PH"],
        "region": "east-asia-pacific",
        "latitude": 11.72,
        "longitude": 122.38,
        "boundary": None,
        "area_ha": 210,
        "scale": "local",
        "area_type": "peri-urban",
        "themes": ["restoration", "climate-adaptation", "livelihoods", "biodiversity"],
        "ecosystems": ["MFT1.2", "MFT1.1", "M1.1"],
        "land_uses": ["fisheries", "settlements", "protected-area"],
        "sdgs": [1, 11, 13, 14],
        "ilm_elements": ["taking-action"],
        "benefits": ["healthy-nature", "human-well-being", "inspiration"],
        "zones": ["natural-habitats", "settlements-infrastructure"],
        "challenges": ["Storm surge in coastal villages", "Fish catches falling"],
        "beneficiaries": "Fishing families in four coastal barangays.",
        "problem": "Mangroves along the estuary had been cut for fishponds and firewood. "
        "Typhoons brought the sea into the villages, and near-shore catches fell.",
        "process": "A fictional Aklan Estuary Mangrove Alliance of fisherfolk associations, "
        "the municipality and a local college mapped the estuary into zones and planted the "
        "species that suit each one, rather than one species everywhere.",
        "building_blocks": [
            {
                "title": "Species matched to the zone",
                "description": "The college helps map elevation and salinity; each zone is "
                "planted with the species that grow there naturally.",
                "lessons_learned": "Planting on mudflats that were never mangrove failed.",
            },
            {
                "title": "Fisherfolk associations as stewards",
                "description": "Associations hold stewardship agreements for each zone and "
                "run mangrove boardwalk tours.",
                "lessons_learned": "Tour income pays for replanting after storms.",
            },
        ],
        "outcomes": "Mangroves are established on about 60 hectares, and the associations earn "
        "from tours along a boardwalk.",
        "impact_indicators": [
            {
                "indicator": "Mangrove area established",
                "baseline": 0,
                "value": 60,
                "unit": "ha",
                "year": 2024,
                "source": "College survey",
            },
            {
                "indicator": "Survival of planted propagules after two years",
                "baseline": 30,
                "value": 72,
                "unit": "%",
                "year": 2024,
                "source": "College survey",
            },
        ],
        "finance": [
            {"source": "Municipal budget", "amount": 2500000, "currency": "PHP"},
            {"source": "Boardwalk tour fees", "amount": 600000, "currency": "PHP"},
        ],
        "actors": [
            {
                "name": "Aklan Estuary Mangrove Alliance",
                "kind": "organisation",
                "role": "Coordination",
            },
            {
                "name": "Fisherfolk associations",
                "kind": "organisation",
                "role": "Planting and stewardship",
            },
        ],
        "lessons_learned": ["Plant where mangroves grew before, with the species that grew."],
        "links": [{"title": "Zoning guide (example)", "url": "https://example.org/aklan"}],
        "licence": "CC-BY-4.0",
        "palette": "coast",
    },
    # --- Europe ------------------------------------------------------------------------------
    {
        "slug": "extremadura-dehesa-renewal",
        "title": "Renewing the dehesa in Extremadura: rotational grazing and young oaks",
        "summary": "Livestock farmers in the Cáceres dehesa moved to planned rotational "
        "grazing, protected young holm oaks and created a shared label for dehesa products, "
        "to renew an ageing wood-pasture.",
        "owner": None,
        "kind": "full",
        "original_language": "es",
        "published_on": datetime.date(2017, 10, 9),
        "partnerships": [],
        "countries": ["ES"],
        "region": "europe-central-asia",
        "latitude": 39.47,
        "longitude": -6.37,
        "boundary": (-6.37, 39.47, 0.12),
        "scale": "subnational",
        "area_type": "rural",
        "themes": ["sustainable-agriculture", "biodiversity", "value-chains", "climate-adaptation"],
        "ecosystems": ["T4.4", "T7.5"],
        "land_uses": ["grazing", "forestry", "cropland"],
        "sdgs": [8, 12, 13, 15],
        "ilm_elements": ["shared-understanding", "taking-action", "learning-impact"],
        "benefits": ["regenerative-economy", "healthy-nature", "inspiration"],
        "zones": ["regenerative-production", "natural-habitats"],
        "challenges": [
            "Old holm oaks dying without young trees to replace them",
            "Continuous grazing and soil compaction",
            "Low prices for livestock",
        ],
        "beneficiaries": "About forty family livestock farms and the villages that depend on them.",
        "problem": "The dehesa, a wood-pasture of holm and cork oaks, is ageing: continuous "
        "grazing means almost no young oaks survive, and the old trees are weakened by "
        "drought and disease. Farms struggle on low livestock prices.",
        "process": "A fictional Red de Dehesas del Tajo-Salor brought farmers, the regional "
        "agricultural research centre and a cooperative together. Farmers visited each "
        "other's farms, tried planned rotational grazing and agreed common practices.",
        "building_blocks": [
            {
                "title": "Planned rotational grazing",
                "description": "Herds move between paddocks following a plan, giving pasture "
                "time to recover.",
                "enabling_factors": ["Mobile electric fencing", "Farmer-to-farmer visits"],
                "lessons_learned": "Farmers trusted results from neighbours more than trials.",
            },
            {
                "title": "Protecting oak regeneration",
                "description": "Young oaks are protected by guards or by resting paddocks for "
                "several years.",
                "lessons_learned": "Natural seedlings protected early grow faster than planted "
                "ones.",
            },
            {
                "title": "A shared label for dehesa products",
                "description": "The cooperative markets meat and cheese under a label that "
                "requires the network's practices.",
                "lessons_learned": "The label paid only once restaurants in the region used it.",
            },
        ],
        "outcomes": "Young oak density rose in managed paddocks, and farms in the network "
        "report better pasture in dry years and higher prices for labelled products.",
        "impact_indicators": [
            {
                "indicator": "Young oaks per hectare in managed paddocks",
                "baseline": 3,
                "value": 21,
                "unit": "trees/ha",
                "year": 2017,
                "source": "Research centre plots",
            },
            {
                "indicator": "Farms applying planned rotational grazing",
                "baseline": 4,
                "value": 38,
                "unit": "farms",
                "year": 2017,
                "source": "Network records",
            },
        ],
        "finance": [
            {"source": "Rural development programme", "amount": 380000, "currency": "EUR"},
            {"source": "Farmers' own investment", "amount": 250000, "currency": "EUR"},
        ],
        "actors": [
            {
                "name": "Red de Dehesas del Tajo-Salor",
                "kind": "organisation",
                "role": "Farmer network",
            },
            {
                "name": "Regional agricultural research centre",
                "kind": "organisation",
                "role": "Monitoring plots",
            },
            {"name": "Livestock cooperative", "kind": "organisation", "role": "Product label"},
        ],
        "lessons_learned": [
            "Farmer-to-farmer learning spreads practices faster than advice.",
            "A landscape label must reach buyers close to home first.",
        ],
        "links": [{"title": "Network website (example)", "url": "https://example.org/dehesa"}],
        "licence": "CC-BY-4.0",
        "palette": "dryland",
    },
    {
        "slug": "strathdon-catchment-plan",
        "title": "Peat and riverside woodland in Strathdon: a catchment plan with estates",
        "summary": "Estates, farmers and the district council in an Aberdeenshire glen agreed "
        "a catchment plan to restore hill peat and plant riverside trees that keep the "
        "water cool for salmon.",
        "owner": None,
        "kind": "snapshot",
        "original_language": "en",
        "published_on": datetime.date(2026, 2, 16),
        "partnerships": [],
        "countries": ["GB"],
        "region": "europe-central-asia",
        "latitude": 57.2,
        "longitude": -3.05,
        "boundary": None,
        "area_ha": 32000,
        "scale": "local",
        "area_type": "rural",
        "themes": ["water-security", "restoration", "climate-adaptation", "biodiversity"],
        "ecosystems": ["TF1.6", "T3.3", "F1.1"],
        "land_uses": ["grazing", "forestry", "protected-area"],
        "sdgs": [6, 13, 15],
        "ilm_elements": ["partnership", "vision-planning"],
        "benefits": ["healthy-nature", "inspiration"],
        "zones": ["natural-habitats", "regenerative-production"],
        "challenges": ["Eroding hill peat", "Rivers too warm for salmon in summer"],
        "beneficiaries": "Farmers, estates and anglers in the glen, and towns downstream.",
        "problem": "Drained and eroding peat on the hills releases carbon and colours the "
        "water; open riverbanks leave the river too warm for young salmon in hot summers.",
        "process": "A fictional Strathdon Catchment Partnership of estates, tenant farmers, "
        "the fishery board and the council agreed one plan: block hill drains, reprofile "
        "peat hags, and plant native trees along the upper river.",
        "building_blocks": [
            {
                "title": "Peat restoration on the hill",
                "description": "Drains are blocked and bare peat is reprofiled and covered, "
                "with national peatland grants.",
                "lessons_learned": "Work with the estate's keepers: they know the ground.",
            },
            {
                "title": "Riverside trees for cool water",
                "description": "Native trees are planted along the upper river, with "
                "fencing agreed with graziers.",
                "lessons_learned": "Leave gaps for livestock to drink.",
            },
        ],
        "outcomes": "Drain blocking has started on about 900 hectares of peat, and 12 km of "
        "riverbank have been planted.",
        "impact_indicators": [
            {
                "indicator": "Peatland under restoration",
                "baseline": 0,
                "value": 900,
                "unit": "ha",
                "year": 2025,
                "source": "Partnership records",
            },
            {
                "indicator": "Riverbank planted with native trees",
                "baseline": 0,
                "value": 12,
                "unit": "km",
                "year": 2025,
                "source": "Fishery board",
            },
        ],
        "finance": [
            {"source": "National peatland restoration grants", "amount": 850000, "currency": "GBP"},
            {"source": "Estates' contributions", "amount": 120000, "currency": "GBP"},
        ],
        "actors": [
            {
                "name": "Strathdon Catchment Partnership",
                "kind": "organisation",
                "role": "Plan and coordination",
            },
            {"name": "District fishery board", "kind": "organisation", "role": "River works"},
        ],
        "lessons_learned": ["A catchment plan lets small grants add up to one result."],
        "links": [{"title": "Catchment plan (example)", "url": "https://example.org/strathdon"}],
        "licence": "CC-BY-SA-4.0",
        "palette": "moor",
    },
]

# Four case studies translated into French (the numbers and names stay those of the English
# page; each list below follows the English list item by item).
FRENCH_CASE_STUDIES = {
    "kijabe-springs-restoration": {
        "title": "Les sources de Kijabe : agriculteurs et forestiers restaurent un château d'eau",
        "summary": "Producteurs de thé et de lait, service de l'eau du comté et riverains de la "
        "forêt ont replanté la lisière dégradée de la forêt de Kijabe et protégé les sources "
        "qui alimentent trois villes, en partie grâce à une petite redevance sur l'eau.",
        "challenges": [
            "Des sources qui tarissent en saison sèche",
            "Des empiètements sur la lisière pour le pâturage et le bois de feu",
            "Aucun lieu où usagers de l'amont et de l'aval se rencontraient",
        ],
        "beneficiaries": "Environ 2 000 ménages agricoles en lisière de forêt et les habitants "
        "de trois petites villes alimentées en eau par les sources.",
        "problem": "La forêt de montagne qui domine Kijabe abrite les sources dont dépendent "
        "les villages et les villes en contrebas. En vingt ans, sa lisière a été défrichée "
        "pour le pâturage et le bois de feu, et plusieurs sources cessaient de couler entre "
        "janvier et mars.\n\n"
        "Chacun accusait l'autre : les citadins les agriculteurs, les agriculteurs les "
        "plantations de thé, et le service forestier n'avait pas de budget pour surveiller "
        "la limite de la forêt.",
        "process": "En 2019, le service de l'eau du comté a invité les groupements "
        "d'agriculteurs, l'association forestière communautaire, les producteurs de thé et "
        "la compagnie des eaux à parcourir ensemble le bassin versant. La marche s'est "
        "conclue par une liste de onze sources et de ceux qui dépendent de chacune.\n\n"
        "Le groupe est devenu le partenariat paysager de la forêt de Kijabe. Il a adopté un "
        "plan sur cinq ans : protéger d'abord les sources, replanter la lisière avec des "
        "essences locales et aider les agriculteurs à cultiver fourrage et arbres fruitiers "
        "sur leurs terres, pour qu'ils n'aient plus besoin de faire paître en forêt.",
        "building_blocks": [
            {
                "title": "Un forum des usagers de l'eau avec un siège pour chaque village",
                "description": "Chaque village qui puise à une source envoie deux personnes, "
                "dont une femme, à un forum trimestriel. Le forum décide de l'usage de la "
                "redevance.",
                "enabling_factors": [
                    "Le service de l'eau du comté préside sans voter",
                    "Les réunions se tiennent à tour de rôle dans chaque village",
                ],
                "lessons_learned": "Afficher les décisions du forum à l'église et à l'école a "
                "davantage créé la confiance que n'importe quel atelier.",
            },
            {
                "title": "Des pépinières gérées par les groupements d'agriculteurs",
                "description": "Six groupements produisent des plants d'essences locales pour "
                "la lisière, et des arbres fruitiers et fourragers pour leurs fermes. Le "
                "partenariat achète les plants forestiers à un prix convenu.",
                "enabling_factors": [
                    "Un acheteur garanti pendant les trois premières saisons",
                    "Des semences récoltées en forêt avec le service forestier",
                ],
                "lessons_learned": "Les groupements qui vendaient aussi des plants d'avocatier "
                "ont continué après la fin des achats garantis.",
            },
            {
                "title": "Une petite redevance sur l'eau courante pour protéger les sources",
                "description": "La compagnie des eaux ajoute une petite somme à chaque facture "
                "mensuelle. Elle finance les clôtures des sources, les plants et deux "
                "gardes communautaires.",
                "enabling_factors": [
                    "Les abonnés pouvaient voir les sources d'où venait leur eau",
                    "La redevance a été votée par le forum, non imposée",
                ],
                "lessons_learned": "Rendre compte des dépenses chaque trimestre, en shillings, "
                "sur une seule page.",
            },
        ],
        "outcomes": "En 2023, neuf des onze sources coulaient toute l'année, la lisière avait "
        "été replantée sur environ 310 hectares, et le pâturage en forêt avait nettement "
        "reculé au profit du fourrage coupé et apporté à l'étable.",
        "impact_indicators": [
            {
                "indicator": "Sources qui coulent pendant la saison sèche",
                "unit": "sources",
                "source": "Suivi du partenariat",
            },
            {
                "indicator": "Lisière replantée en essences locales",
                "unit": "ha",
                "source": "Cartographie du service forestier et du partenariat",
            },
            {
                "indicator": "Ménages ayant des arbres fourragers ou fruitiers",
                "unit": "%",
                "source": "Enquête auprès des ménages (échantillon de 300)",
            },
        ],
        "finance": [
            {"source": "Budget de l'eau du comté", "note": "Sur cinq ans"},
            {"source": "Redevance sur l'eau courante", "note": "Par an"},
            {
                "source": "Fonds régional de petites subventions pour la restauration",
                "note": "Pépinières et clôtures",
            },
        ],
        "actors": [
            {"role": "Anime le forum et porte le plan"},
            {
                "name": "Services de l'eau et des forêts du comté",
                "role": "Président du forum ; conseil technique",
            },
            {
                "name": "Association forestière communautaire",
                "role": "Surveille et replante la lisière",
            },
            {"role": "Agente de terrain, pépinières"},
        ],
        "lessons_learned": [
            "Commencer par ce dont tout le monde dépend (ici, les sources), pas par la forêt.",
            "Une petite source de financement locale et visible fait vivre un forum entre "
            "deux subventions.",
            "Offrir aux agriculteurs une alternative à la forêt avant de leur demander d'en "
            "sortir.",
        ],
        "links": [{"title": "Site du partenariat de Kijabe"}],
    },
    "western-ghana-cocoa-landscape": {
        "title": "Le paysage cacaoyer de l'ouest du Ghana : arbres d'ombrage et fermes tracées",
        "summary": "Chefs coutumiers, assemblées de district, coopératives et acheteurs de "
        "cacao ont adopté un plan de paysage pour arrêter la déforestation, enregistrer les "
        "arbres d'ombrage au nom de ceux qui les plantent et cartographier les fermes.",
        "challenges": [
            "Des plantations de cacao qui gagnent les réserves forestières",
            "Des arbres d'ombrage abattus faute de pouvoir en être propriétaire",
            "Des cacaoyers vieillissants et peu productifs",
        ],
        "beneficiaries": "Des familles de cacaoculteurs, souvent métayers, dans deux districts "
        "voisins de réserves forestières.",
        "problem": "Le cacao en plein soleil a donné de bons rendements pendant dix ans, puis "
        "a décliné. Les producteurs ont défriché de nouvelles terres en bordure des réserves "
        "forestières, tandis que les arbres qui ombrageaient leurs fermes étaient abattus : "
        "à l'époque, un arbre poussant dans une ferme pouvait être vendu par un autre que "
        "le producteur.",
        "process": "Un partenariat fictif, le partenariat du paysage cacaoyer de "
        "Sefwi-Juaboso, réunit les conseils coutumiers, les deux assemblées de district, "
        "quatre coopératives et les acheteurs de leur cacao. En un an, il a élaboré un plan "
        "de paysage qui délimite forêt, agroforesterie cacaoyère et cultures vivrières, et "
        "précise ce que fera chaque membre.\n\n"
        "Les acheteurs financent la cartographie des fermes et l'enregistrement des arbres en "
        "échange d'un cacao traçable ; les districts s'engagent à faire respecter la limite "
        "des forêts.",
        "building_blocks": [
            {
                "title": "Un plan de paysage adopté par les chefs, les districts et les acheteurs",
                "description": "Une carte et un plan d'action pour tout le paysage, signés "
                "par chaque membre et revus chaque année en réunion publique.",
                "enabling_factors": [
                    "Les engagements des acheteurs pour un approvisionnement sans déforestation"
                ],
                "lessons_learned": "Les conseils coutumiers doivent être présents dès la "
                "première réunion : ce sont eux qui attribuent la terre.",
            },
            {
                "title": "Des arbres d'ombrage enregistrés au nom du producteur",
                "description": "Les producteurs enregistrent les arbres qu'ils plantent ou "
                "entretiennent, pour que personne d'autre ne puisse les vendre. "
                "L'enregistrement est gratuit et se fait à la coopérative.",
                "enabling_factors": ["Un simple formulaire papier, numérisé ensuite"],
                "lessons_learned": "Une fois propriétaires de leurs arbres, les producteurs "
                "ont demandé davantage de plants.",
            },
            {
                "title": "La cartographie des fermes pour la traçabilité",
                "description": "Le personnel des coopératives parcourt la limite de chaque "
                "ferme avec un téléphone ; les cartes sont comparées aux limites des "
                "réserves.",
                "lessons_learned": "Remettre la carte au producteur : elle est devenue une "
                "preuve de ses droits en cas de litige.",
            },
        ],
        "outcomes": "En trois ans, quelque 9 000 fermes ont été cartographiées, environ "
        "160 000 arbres d'ombrage enregistrés, et aucun nouveau défrichement n'a été détecté "
        "dans les deux réserves.",
        "impact_indicators": [
            {
                "indicator": "Fermes cartographiées et comparées aux limites des réserves",
                "unit": "fermes",
                "source": "Registres des coopératives",
            },
            {
                "indicator": "Arbres d'ombrage enregistrés au nom des producteurs",
                "unit": "arbres",
                "source": "Registre du partenariat",
            },
            {
                "indicator": "Nombre moyen d'arbres d'ombrage par hectare de cacao",
                "unit": "arbres/ha",
                "source": "Placettes d'échantillonnage",
            },
        ],
        "finance": [
            {"source": "Fonds de durabilité des acheteurs de cacao"},
            {"source": "Assemblées de district (temps de travail du personnel)"},
        ],
        "actors": [
            {
                "name": "Partenariat du paysage cacaoyer de Sefwi-Juaboso",
                "role": "Porte le plan de paysage",
            },
            {
                "name": "Conseils coutumiers",
                "role": "Attribution des terres et règlement des litiges",
            },
            {
                "name": "Coopératives cacaoyères",
                "role": "Cartographie des fermes et enregistrement des arbres",
            },
            {"name": "Assemblées de district", "role": "Application des règles"},
        ],
        "lessons_learned": [
            "Le droit sur l'arbre est le levier : les producteurs gardent les arbres qui leur "
            "appartiennent.",
            "Une traçabilité payée par les acheteurs peut financer l'action paysagère au-delà "
            "de la ferme.",
        ],
        "links": [{"title": "Résumé du plan de paysage (exemple)"}],
    },
    "souss-argan-woodland": {
        "title": "L'arganeraie du Souss : coopératives et éleveurs partagent les arbres",
        "summary": "Dans l'arganeraie au sud d'Agadir, coopératives féminines, éleveurs et "
        "service forestier ont fait revivre un calendrier de pâturage saisonnier et replanté "
        "de jeunes arganiers, pour que l'huile et le pâturage ne se disputent plus les arbres.",
        "challenges": [
            "Les chèvres broutent les jeunes arganiers : la forêt ne se régénère pas",
            "Des conflits entre coopératives et éleveurs pendant la saison des fruits",
            "Des années de sécheresse de plus en plus fréquentes",
        ],
        "beneficiaries": "Les membres de onze coopératives féminines et environ 600 familles "
        "d'éleveurs ayant des droits d'usage dans l'arganeraie.",
        "problem": "L'huile d'argan a apporté de nouveaux revenus aux villages, mais la forêt "
        "dont elle provient ne se renouvelait plus : presque chaque jeune arbre était brouté "
        "par les chèvres, et les vieux arbres mouraient pendant les sécheresses.\n\n"
        "Éleveurs et coopératives revendiquaient les mêmes arbres à la même saison, et les "
        "règles coutumières qui fermaient autrefois des parties de la forêt étaient tombées "
        "en désuétude.",
        "process": "Le service forestier, les communes rurales et l'union des coopératives ont "
        "organisé des assemblées villageoises conduites par les anciens. Ensemble, ils ont "
        "fait revivre l'agdal : une mise en défens saisonnière pendant laquelle aucun animal "
        "n'entre dans une parcelle avant que les fruits soient tombés et ramassés.\n\n"
        "Chaque parcelle fermée sert aussi à planter et protéger de jeunes arbres pendant "
        "trois ans.",
        "building_blocks": [
            {
                "title": "Un calendrier de pâturage convenu entre éleveurs et coopératives",
                "description": "La forêt est divisée en parcelles fermées à tour de rôle, "
                "selon l'agdal coutumier, à des dates fixées chaque année par l'assemblée du "
                "village.",
                "enabling_factors": ["Des anciens qui se souvenaient des règles"],
                "lessons_learned": "Écrire le calendrier et l'afficher à la mosquée et à la "
                "coopérative : la mémoire seule ne suffisait pas.",
            },
            {
                "title": "Des coopératives qui reversent une part au village",
                "description": "Chaque coopérative verse une part de ses revenus à un fonds "
                "villageois qui indemnise les éleveurs pendant les mois de fermeture.",
                "lessons_learned": "L'indemnisation a fait des éleveurs des gardiens plutôt "
                "que des opposants.",
            },
            {
                "title": "Planter et protéger de jeunes arganiers",
                "description": "Des plants produits dans la pépinière d'une coopérative sont "
                "mis en terre dans les parcelles fermées, avec une demi-lune pour retenir "
                "l'eau de ruissellement.",
                "lessons_learned": "La survie était bien meilleure là où la parcelle restait "
                "fermée trois années entières.",
            },
        ],
        "outcomes": "Environ 1 200 hectares sont désormais gérés selon le calendrier remis en "
        "usage, les jeunes arbres survivent dans les parcelles fermées, et il n'y a plus eu "
        "de conflit à la saison des fruits depuis la deuxième année.",
        "impact_indicators": [
            {
                "indicator": "Forêt gérée selon le calendrier de pâturage saisonnier",
                "unit": "ha",
                "source": "Service forestier",
            },
            {
                "indicator": "Survie des plants d'arganier après trois ans",
                "unit": "%",
                "source": "Registres de la pépinière coopérative",
            },
        ],
        "finance": [
            {"source": "Fonds villageois des coopératives"},
            {"source": "Programme du service forestier", "note": "Pépinière et plantation"},
        ],
        "actors": [
            {
                "name": "Union des coopératives d'argan",
                "role": "Commercialisation de l'huile ; fonds villageois",
            },
            {"name": "Assemblées villageoises (jmâa)", "role": "Fixent le calendrier de pâturage"},
            {"name": "Service forestier régional", "role": "Plants et appui technique"},
        ],
        "lessons_learned": [
            "Les règles coutumières peuvent revivre quand ceux qui s'en souviennent les portent.",
            "Partager les revenus d'un produit avec ceux qui renoncent à quelque chose pour "
            "qu'il existe.",
        ],
        "links": [{"title": "Calendrier de l'agdal (exemple)"}],
    },
    "ferlo-pastoral-planning": {
        "title": "Ferlo : planifier ensemble parcours du bétail, points d'eau et Grande "
        "Muraille Verte",
        "summary": "Éleveurs, communes et services techniques du Ferlo, au Sénégal, ont "
        "dessiné une seule carte des parcours, des points d'eau et des parcelles de la Grande "
        "Muraille Verte, et rédigé des conventions locales que tous appliquent.",
        "challenges": [
            "Des conflits entre éleveurs et agriculteurs le long des parcours",
            "Des forages surexploités en saison sèche",
            "Des parcelles de la Grande Muraille Verte clôturées en travers des parcours",
        ],
        "beneficiaries": "Les familles pastorales de six communes, les groupements de femmes "
        "qui gèrent les jardins de la Grande Muraille Verte, et les agriculteurs riverains des "
        "parcours.",
        "problem": "Dans le Ferlo, les troupeaux se déplacent entre les mares d'hivernage et "
        "les forages de saison sèche. De nouveaux champs, des plantations clôturées et des "
        "parcelles de la Grande Muraille Verte avaient fermé plusieurs parcours, et les "
        "conflits avec les agriculteurs se multipliaient.\n\n"
        "Chaque service planifiait sur sa propre carte : l'élevage ses parcours, "
        "l'hydraulique ses forages, les Eaux et Forêts ses parcelles.",
        "process": "Le Partenariat paysager du Ferlo les a réunis. Pendant une saison sèche, "
        "les éleveurs ont parcouru les pistes avec les agents des communes pour les relever ; "
        "les cartes ont été discutées dans chaque village avant d'être fusionnées.\n\n"
        "À partir de la carte commune, les communes ont rédigé des conventions locales : "
        "largeur des parcours, réserves pastorales, règles de chaque forage et emplacements "
        "possibles des nouvelles parcelles.",
        "building_blocks": [
            {
                "title": "Une carte des parcours dessinée avec les éleveurs",
                "description": "Les éleveurs guident les équipes de cartographie sur les "
                "parcours qu'ils empruntent, y compris les aires de repos et d'abreuvement.",
                "enabling_factors": ["Un calendrier de saison sèche adapté aux éleveurs"],
                "lessons_learned": "Les cartes papier présentées dans chaque village ont "
                "révélé des erreurs que la carte numérique n'avait pas vues.",
            },
            {
                "title": "Des conventions locales pour les points d'eau",
                "description": "Chaque comité de forage fixe les tours d'abreuvement et les "
                "redevances, approuvés par le conseil municipal pour avoir force de loi.",
                "lessons_learned": "Associer les éleveurs venus d'autres communes, sinon les "
                "règles sont ignorées pendant la transhumance.",
            },
            {
                "title": "Des parcelles de la Grande Muraille Verte gérées par des "
                "groupements de femmes",
                "description": "Les parcelles sont placées à l'écart des parcours et "
                "comprennent des jardins maraîchers gérés par des groupements de femmes.",
                "lessons_learned": "Les parcelles avec un jardin et un point d'eau ont été "
                "entretenues ; celles plantées d'arbres seulement ne l'ont pas été.",
            },
        ],
        "outcomes": "Environ 420 kilomètres de parcours ont été balisés et reconnus par six "
        "communes, le nombre de conflits signalés aux communes a baissé de plus de moitié, et "
        "les nouvelles parcelles sont implantées avec les éleveurs.",
        "impact_indicators": [
            {
                "indicator": "Parcours du bétail balisés et reconnus par les communes",
                "unit": "km",
                "source": "Registres des communes",
            },
            {
                "indicator": "Conflits signalés aux communes",
                "unit": "cas par an",
                "source": "Registres des communes",
            },
        ],
        "finance": [
            {"source": "Budgets propres des communes", "note": "Balisage des parcours"},
            {"source": "Subvention d'un fonds d'adaptation, via le partenariat"},
        ],
        "actors": [
            {"role": "Animation et cartographie"},
            {"name": "Six communes rurales", "role": "Conventions locales"},
            {
                "name": "Services de l'élevage, de l'hydraulique et des Eaux et Forêts",
                "role": "Appui technique",
            },
            {"role": "Coordinatrice du partenariat"},
        ],
        "lessons_learned": [
            "Une carte dessinée par tous vaut mieux que trois cartes précises.",
            "Les conventions locales tiennent quand le conseil municipal les adopte.",
        ],
        "links": [{"title": "Site du Partenariat paysager du Ferlo"}],
    },
}

# --- The curriculum --------------------------------------------------------------------------

HANDOUTS = {
    "stakeholder-mapping": {
        "title": "Handout 1: Stakeholder mapping worksheet",
        "filename": "handout-1-stakeholder-mapping.pdf",
        "lines": [
            "Stakeholder mapping worksheet",
            "",
            "1. List everyone who uses, manages or depends on the landscape.",
            "2. For each: what do they need from it? What can they bring?",
            "3. Place each on the grid: influence (low to high) and interest (low to high).",
            "4. Circle the groups that are missing from the room. How will you reach them?",
            "5. Note who speaks for women, young people and landless households.",
        ],
    },
    "landscape-timeline": {
        "title": "Handout 2: Landscape timeline and resource map",
        "filename": "handout-2-landscape-timeline.pdf",
        "lines": [
            "Landscape timeline and resource map",
            "",
            "Timeline: mark the events of the last 30 years that changed the landscape",
            "(droughts, roads, laws, prices, projects). Who remembers each one?",
            "",
            "Resource map: draw rivers, springs, forests, fields, grazing, settlements,",
            "then mark where things are getting better and where they are getting worse.",
        ],
    },
    "action-plan": {
        "title": "Handout 3: Vision and action plan template",
        "filename": "handout-3-action-plan.pdf",
        "lines": [
            "Vision and action plan template",
            "",
            "Our landscape in 15 years (one paragraph everyone can read aloud):",
            "",
            "Action | Who leads | Who helps | By when | What it costs | Who pays",
            "",
            "Check: does each action serve at least one of the four benefits",
            "(human well-being, healthy nature, regenerative economy, inspiration)?",
        ],
    },
    "indicator-sheet": {
        "title": "Handout 4: Indicator planning sheet",
        "filename": "handout-4-indicator-planning.pdf",
        "lines": [
            "Indicator planning sheet",
            "",
            "For each indicator: what change does it show? Baseline? Target?",
            "Who measures it, how often, with what tool? Where is it recorded?",
            "Who will look at it, and what decision could it change?",
            "",
            "Keep to five indicators or fewer: the ones the partnership will really use.",
        ],
    },
}

CURRICULUM = {
    "slug": "facilitating-integrated-landscape-management",
    "title": "Facilitating integrated landscape management",
    "summary": "A four-module course for people who convene and facilitate landscape "
    "partnerships: from bringing stakeholders together to learning from results.",
    "audience": "Partnership coordinators, facilitators, extension staff and local officials "
    "who convene multi-stakeholder processes in a landscape.\n\n"
    "It suits cohorts of 12 to 25 participants, ideally from two or three landscapes so they "
    "can learn from each other.",
    "learning_objectives": [
        "Identify the stakeholders of a landscape and design a fair way to bring them together",
        "Facilitate a shared understanding of how the landscape is changing",
        "Guide a partnership from a common vision to an agreed action plan",
        "Set up simple monitoring that the partnership uses to learn and adapt",
    ],
    "duration_hours": 20,
    "level": "intermediate",
    "original_language": "en",
    "prerequisites": "Some experience of working with communities or local institutions. No "
    "technical background in ecology or hydrology is needed.",
    "facilitator_notes": "Each module takes about one day and can be run on its own. Use a "
    "landscape that participants know: ask them to bring a map, photos and a list of the "
    "organisations active there.\n\n"
    "The case studies linked in each module are examples to discuss, not models to copy. "
    "Print the handouts in advance: many venues have no projector or reliable electricity.",
    "licence": "CC-BY-SA-4.0",
    "modules": [
        {
            "slug": "building-the-partnership",
            "title": "1. Building the partnership",
            "summary": "Who holds a stake in the landscape, who is missing, and how to bring "
            "them to one table on fair terms.",
            "learning_objectives": [
                "Map the stakeholders of a landscape by interest and influence",
                "Plan how to include groups that are usually absent",
                "Draft simple rules for how the partnership decides",
            ],
            "sessions": [
                {
                    "title": "Who is in the landscape?",
                    "objective": "A stakeholder map the group agrees on",
                    "activities": [
                        {
                            "title": "Welcome and expectations",
                            "minutes": 20,
                            "method": "discussion",
                            "description": "Each participant names their landscape and one "
                            "thing they hope to take home.",
                            "materials": "Cards, markers",
                        },
                        {
                            "title": "Stakeholder mapping",
                            "minutes": 60,
                            "method": "exercise",
                            "description": "In landscape groups, list the stakeholders and "
                            "place them on the interest–influence grid of handout 1.",
                            "materials": "Handout 1, flip chart",
                        },
                        {
                            "title": "Who is missing?",
                            "minutes": 30,
                            "method": "discussion",
                            "description": "Groups present their maps; the plenary asks who "
                            "is missing and why.",
                        },
                    ],
                },
                {
                    "title": "Coming to the table",
                    "objective": "Fair rules for meeting and deciding",
                    "activities": [
                        {
                            "title": "Case study: the Kijabe water-user forum",
                            "minutes": 30,
                            "method": "presentation",
                            "description": "How a forum with a seat for every village was "
                            "set up, and why the county chairs without voting.",
                        },
                        {
                            "title": "Role play: the first meeting",
                            "minutes": 60,
                            "method": "role-play",
                            "description": "Participants take the roles of farmers, a water "
                            "company, a forest service and a mayor, and agree how they will "
                            "decide together.",
                            "materials": "Role cards",
                        },
                        {
                            "title": "Reflection",
                            "minutes": 20,
                            "method": "reflection",
                            "description": "What made agreement easier or harder? Who had "
                            "power in the room?",
                        },
                    ],
                },
            ],
            "facilitator_notes": "Do not let the mapping stay abstract: ask for names of real "
            "organisations. In the role play, give the least powerful role to a confident "
            "participant.",
            "handout": "stakeholder-mapping",
            "examples": [
                (
                    "kijabe-springs-restoration",
                    "A forum that gives every village a seat, funded by a water levy.",
                ),
                (
                    "peten-community-forestry",
                    "Secure rights as the basis for a community to take part as an equal.",
                ),
            ],
        },
        {
            "slug": "shared-understanding",
            "title": "2. Shared understanding of the landscape",
            "summary": "Building a picture of the landscape that all stakeholders recognise: "
            "its history, its resources and the trade-offs between uses.",
            "learning_objectives": [
                "Facilitate a landscape timeline and a participatory resource map",
                "Make trade-offs between land uses visible and discussable",
            ],
            "sessions": [
                {
                    "title": "The landscape's story",
                    "objective": "A shared timeline of change",
                    "activities": [
                        {
                            "title": "Landscape timeline",
                            "minutes": 45,
                            "method": "exercise",
                            "description": "Groups mark the events that changed their "
                            "landscape over 30 years, using handout 2.",
                            "materials": "Handout 2, long paper strip",
                        },
                        {
                            "title": "Resource map",
                            "minutes": 60,
                            "method": "exercise",
                            "description": "Draw rivers, forests, fields and settlements, and "
                            "mark where things are improving or getting worse.",
                            "materials": "Large paper, coloured markers",
                        },
                    ],
                },
                {
                    "title": "Trade-offs",
                    "objective": "Name the trade-offs between uses",
                    "activities": [
                        {
                            "title": "Case study: village water budgets in Koraput",
                            "minutes": 30,
                            "method": "presentation",
                            "description": "How villages used a water budget to move the "
                            "debate from 'more dams' to 'less runoff'.",
                        },
                        {
                            "title": "Water budget with pebbles",
                            "minutes": 45,
                            "method": "exercise",
                            "description": "Groups share out 100 pebbles between rain, runoff, "
                            "crops, livestock and towns, and discuss who loses.",
                            "materials": "100 pebbles or beans per group",
                        },
                        {
                            "title": "Reflection",
                            "minutes": 15,
                            "method": "reflection",
                            "description": "What did you learn about the landscape that you "
                            "did not know this morning?",
                        },
                    ],
                },
            ],
            "facilitator_notes": "Older participants usually hold the memory for the "
            "timeline: give them time. Keep the maps: they are reused in module 3.",
            "handout": "landscape-timeline",
            "examples": [
                (
                    "koraput-ridge-to-valley",
                    "Village water budgets that everyone can see on the ground.",
                ),
                (
                    "upper-paraiba-restoration-pact",
                    "One shared map used by every member of a pact.",
                ),
            ],
        },
        {
            "slug": "vision-and-action-planning",
            "title": "3. Vision and action planning",
            "summary": "From a common vision of the landscape to an action plan with owners, "
            "dates and money.",
            "learning_objectives": [
                "Facilitate a shared vision in words everyone can read",
                "Turn the vision into an action plan with leads and resources",
            ],
            "sessions": [
                {
                    "title": "A common vision",
                    "objective": "A one-paragraph vision",
                    "activities": [
                        {
                            "title": "Our landscape in 15 years",
                            "minutes": 45,
                            "method": "exercise",
                            "description": "Each stakeholder group draws the landscape it "
                            "wants; the drawings are merged into one paragraph.",
                        },
                        {
                            "title": "Case study: the Ferlo map of routes",
                            "minutes": 30,
                            "method": "presentation",
                            "description": "How herders, communes and services planned on "
                            "one map and wrote local conventions.",
                        },
                    ],
                },
                {
                    "title": "The action plan",
                    "objective": "A first action plan",
                    "activities": [
                        {
                            "title": "Action planning",
                            "minutes": 75,
                            "method": "exercise",
                            "description": "Fill in handout 3: actions, leads, partners, "
                            "dates, costs and who pays.",
                            "materials": "Handout 3",
                        },
                        {
                            "title": "Gallery walk",
                            "minutes": 30,
                            "method": "discussion",
                            "description": "Groups visit each other's plans and leave one "
                            "question and one suggestion.",
                        },
                    ],
                },
            ],
            "facilitator_notes": "Visions drift towards wish lists: ask which actions the "
            "partnership itself can lead next year, with money it already has.",
            "handout": "action-plan",
            "examples": [
                (
                    "ferlo-pastoral-planning",
                    "One map for livestock routes, water points and Green Wall plots.",
                ),
                (
                    "western-ghana-cocoa-landscape",
                    "A landscape plan signed by chiefs, districts and buyers.",
                ),
            ],
        },
        {
            "slug": "learning-and-impact",
            "title": "4. Learning and impact",
            "summary": "Simple monitoring that the partnership owns and uses to adapt its plan.",
            "learning_objectives": [
                "Choose a few indicators that will change decisions",
                "Plan who measures, how often, and who looks at the results",
            ],
            "sessions": [
                {
                    "title": "What will tell us it is working?",
                    "objective": "Five indicators or fewer",
                    "activities": [
                        {
                            "title": "Case study: community monitoring in the páramo",
                            "minutes": 30,
                            "method": "presentation",
                            "description": "Paired micro-catchments read by young people from "
                            "the communities.",
                        },
                        {
                            "title": "Indicator planning",
                            "minutes": 60,
                            "method": "exercise",
                            "description": "Using handout 4, each group chooses up to five "
                            "indicators for its action plan.",
                            "materials": "Handout 4",
                        },
                    ],
                },
                {
                    "title": "Learning together",
                    "objective": "A learning routine for the partnership",
                    "activities": [
                        {
                            "title": "Field visit or photo walk",
                            "minutes": 90,
                            "method": "field-visit",
                            "description": "Visit a site nearby (or look at photos) and "
                            "practise reading one indicator.",
                        },
                        {
                            "title": "Closing reflection",
                            "minutes": 30,
                            "method": "reflection",
                            "description": "Each participant writes one thing they will do "
                            "differently in their partnership.",
                        },
                    ],
                },
            ],
            "facilitator_notes": "Resist long indicator lists. An indicator nobody looks at is "
            "a cost without a benefit.",
            "handout": "indicator-sheet",
            "examples": [
                (
                    "paramo-binational-water-fund",
                    "Community monitoring that convinced the water boards to pay.",
                ),
                (
                    "gumara-highlands-restoration",
                    "Simple indicators a kebele committee can keep.",
                ),
            ],
        },
    ],
}
